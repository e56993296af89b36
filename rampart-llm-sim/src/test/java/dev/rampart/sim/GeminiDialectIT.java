package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Gemini API (v1beta) as a plain HTTP client sees it. */
class GeminiDialectIT extends DefaultSimulatorIT {

    /** A declaration in Google's OpenAPI subset (capitalised types), as LangChain4j sent it up to 1.18. */
    private static final String WEATHER = """
            {"name":"get_weather","description":"Current weather","parameters":{"type":"OBJECT",
             "properties":{"city":{"type":"STRING"},"days":{"type":"INTEGER"}},"required":["city","days"]}}""";
    /** A declaration with a JSON schema, as LangChain4j 1.19 sends it. */
    private static final String TIME = """
            {"name":"get_time","parametersJsonSchema":{"type":"object",
             "properties":{"timezone":{"type":"string"}},"required":["timezone"]}}""";
    private static final String GENERATE = "/v1beta/models/sim-echo:generateContent";
    private static final String STREAM = "/v1beta/models/sim-echo:streamGenerateContent?alt=sse";

    static String contents(String userText) {
        return """
                {"systemInstruction":{"parts":[{"text":"be brief"}]},
                 "contents":[{"role":"user","parts":[{"text":%s}]}]}"""
                .formatted(RawHttp.JSON.writeValueAsString(userText));
    }

    @Test
    void generateContentAnswersWithOneCandidateAndUsageMetadata() throws Exception {
        HttpResponse<String> response = http.postJson(GENERATE, contents("Hello, simulator!"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = RawHttp.json(response);
        JsonNode candidate = body.path("candidates").get(0);
        assertThat(candidate.path("content").path("role").asString()).isEqualTo("model");
        assertThat(candidate.path("content").path("parts").get(0).path("text").asString()).isEqualTo("Hello, simulator!");
        assertThat(candidate.path("finishReason").asString()).isEqualTo("STOP");
        JsonNode usage = body.path("usageMetadata");
        assertThat(usage.path("promptTokenCount").asInt()).isEqualTo(4);
        assertThat(usage.path("candidatesTokenCount").asInt()).isEqualTo(2);
        assertThat(usage.path("totalTokenCount").asInt()).isEqualTo(6);
        assertThat(body.path("modelVersion").asString()).isEqualTo("sim-echo");
    }

    @Test
    void maxOutputTokensCutsTheReplyWithMaxTokens() throws Exception {
        String request = """
                {"contents":[{"role":"user","parts":[{"text":"one two three four five"}]}],
                 "generationConfig":{"maxOutputTokens":2}}""";

        JsonNode candidate = RawHttp.json(http.postJson(GENERATE, request)).path("candidates").get(0);

        assertThat(candidate.path("content").path("parts").get(0).path("text").asString()).isEqualTo("one two");
        assertThat(candidate.path("finishReason").asString()).isEqualTo("MAX_TOKENS");
    }

    @Test
    void streamGenerateContentSendsOneResponsePerTokenThenTheFinishWithUsage() throws Exception {
        HttpResponse<String> response = http.postJson(STREAM, contents("stream these four words"));

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<JsonNode> events = RawHttp.dataLines(response.body()).stream().map(RawHttp.JSON::readTree).toList();
        assertThat(events).hasSize(5);
        assertThat(events.subList(0, 4)).extracting(
                        event -> event.path("candidates").get(0).path("content").path("parts").get(0).path("text").asString())
                .containsExactly("stream ", "these ", "four ", "words");
        assertThat(events.subList(0, 4)).allSatisfy(event -> assertThat(event.has("usageMetadata")).isFalse());
        JsonNode last = events.getLast();
        assertThat(last.path("candidates").get(0).path("finishReason").asString()).isEqualTo("STOP");
        assertThat(last.path("usageMetadata").path("candidatesTokenCount").asInt()).isEqualTo(4);
    }

    @Test
    void streamingWithoutAltSseIsRefused() throws Exception {
        HttpResponse<String> response = http.postJson("/v1beta/models/sim-echo:streamGenerateContent", contents("hi"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(response).path("error").path("status").asString()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void theToolsModelAnswersWithFunctionCallParts() throws Exception {
        String request = """
                {"contents":[{"role":"user","parts":[{"text":"weather and time?"}]}],
                 "tools":[{"functionDeclarations":[%s,%s]}]}""".formatted(WEATHER, TIME);

        JsonNode candidate = RawHttp.json(http.postJson("/v1beta/models/sim-tools:generateContent", request))
                .path("candidates").get(0);

        JsonNode parts = candidate.path("content").path("parts");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).path("functionCall").path("name").asString()).isEqualTo("get_weather");
        assertThat(RawHttp.JSON.writeValueAsString(parts.get(0).path("functionCall").path("args")))
                .isEqualTo("{\"city\":\"Paris\",\"days\":1}");
        assertThat(parts.get(1).path("functionCall").path("args").path("timezone").asString()).isEqualTo("UTC");
        assertThat(candidate.path("finishReason").asString()).isEqualTo("STOP");
    }

    @Test
    void functionResponsesEndTheToolRoundTrip() throws Exception {
        String request = """
                {"tools":[{"functionDeclarations":[%s]}],"contents":[
                  {"role":"user","parts":[{"text":"weather?"}]},
                  {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris","days":1}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"response":"sunny"}}}]}]}"""
                .formatted(WEATHER);

        JsonNode parts = RawHttp.json(http.postJson("/v1beta/models/sim-tools:generateContent", request))
                .path("candidates").get(0).path("content").path("parts");

        assertThat(parts.get(0).path("text").asString()).isEqualTo("get_weather: sunny");
    }

    @Test
    void functionCallingModeNoneOffersNoTools() throws Exception {
        String request = """
                {"contents":[{"role":"user","parts":[{"text":"just echo"}]}],
                 "tools":[{"functionDeclarations":[%s]}],"toolConfig":{"functionCallingConfig":{"mode":"NONE"}}}"""
                .formatted(WEATHER);

        JsonNode parts = RawHttp.json(http.postJson("/v1beta/models/sim-tools:generateContent", request))
                .path("candidates").get(0).path("content").path("parts");

        assertThat(parts.get(0).path("text").asString()).isEqualTo("just echo");
    }

    @Test
    void aStreamedFunctionCallArrivesWholeInOneEvent() throws Exception {
        String request = """
                {"contents":[{"role":"user","parts":[{"text":"weather?"}]}],"tools":[{"functionDeclarations":[%s]}]}"""
                .formatted(WEATHER);

        List<JsonNode> events = RawHttp.dataLines(
                        http.postJson("/v1beta/models/sim-tools:streamGenerateContent?alt=sse", request).body())
                .stream().map(RawHttp.JSON::readTree).toList();

        List<JsonNode> calls = events.stream()
                .map(event -> event.path("candidates").get(0).path("content").path("parts").get(0).path("functionCall"))
                .filter(JsonNode::isObject).toList();
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().path("args").path("city").asString()).isEqualTo("Paris");
        assertThat(events.getLast().path("candidates").get(0).path("finishReason").asString()).isEqualTo("STOP");
    }

    @Test
    void embedContentAndBatchEmbedContentsHonourOutputDimensionality() throws Exception {
        JsonNode one = RawHttp.json(http.postJson("/v1beta/models/sim-embed:embedContent", """
                {"model":"models/sim-embed","content":{"parts":[{"text":"the same text"}]},"outputDimensionality":16}"""));
        JsonNode batch = RawHttp.json(http.postJson("/v1beta/models/sim-embed:batchEmbedContents", """
                {"requests":[
                  {"model":"models/sim-embed","content":{"parts":[{"text":"the same text"}]},"outputDimensionality":16},
                  {"model":"models/sim-embed","content":{"parts":[{"text":"other"}]},"outputDimensionality":8}]}"""));

        assertThat(one.path("embedding").path("values")).hasSize(16);
        assertThat(batch.path("embeddings")).hasSize(2);
        assertThat(batch.path("embeddings").get(0).path("values")).isEqualTo(one.path("embedding").path("values"));
        assertThat(batch.path("embeddings").get(1).path("values")).hasSize(8);
    }

    @Test
    void modelsAreListedWithTheirGenerationMethods() throws Exception {
        JsonNode list = RawHttp.json(http.get("/v1beta/models"));
        JsonNode one = RawHttp.json(http.get("/v1beta/models/sim-embed"));
        HttpResponse<String> missing = http.get("/v1beta/models/gemini-nonexistent");

        assertThat(list.path("models").findValuesAsString("name"))
                .contains("models/sim-echo", "models/sim-tools", "models/sim-embed");
        assertThat(one.path("supportedGenerationMethods").valueStream().map(JsonNode::asString))
                .contains("embedContent");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(RawHttp.json(missing).path("error").path("status").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void errorsUseGooglesShapeWithTheCanonicalStatus() throws Exception {
        HttpResponse<String> unknown = http.postJson("/v1beta/models/gemini-nonexistent:generateContent", contents("hi"));
        HttpResponse<String> invalid = http.postJson(GENERATE, "{\"contents\":");
        HttpResponse<String> unknownAction = http.postJson("/v1beta/models/sim-echo:teleport", contents("hi"));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(RawHttp.json(unknown).path("error").path("code").asInt()).isEqualTo(404);
        assertThat(RawHttp.json(unknown).path("error").path("status").asString()).isEqualTo("NOT_FOUND");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(invalid).path("error").path("status").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(unknownAction.statusCode()).isEqualTo(404);
        assertThat(RawHttp.json(unknownAction).path("error").path("status").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void keysAreTakenFromXGoogApiKeyOrTheKeyParameterOnly() throws Exception {
        try (LlmSimulator keyed = LlmSimulator.start(SimulatorOptions.builder().acceptedApiKeys(List.of("ok")).build())) {
            RawHttp client = new RawHttp(keyed.baseUrl());

            HttpResponse<String> header = client.postJson(GENERATE, contents("hi"), "x-goog-api-key", "ok");
            HttpResponse<String> parameter = client.get("/v1beta/models?key=ok");
            HttpResponse<String> bearer = client.postJson(GENERATE, contents("hi"), "Authorization", "Bearer ok");
            HttpResponse<String> wrong = client.postJson("/v1beta/models/sim-embed:embedContent",
                    "{\"content\":{\"parts\":[{\"text\":\"a\"}]}}", "x-goog-api-key", "nope");

            assertThat(header.statusCode()).isEqualTo(200);
            assertThat(parameter.statusCode()).isEqualTo(200);
            assertThat(bearer.statusCode()).isEqualTo(401);
            assertThat(RawHttp.json(bearer).path("error").path("message").asString()).contains("x-goog-api-key");
            assertThat(wrong.statusCode()).isEqualTo(401);
            JsonNode error = RawHttp.json(wrong).path("error");
            assertThat(error.path("status").asString()).isEqualTo("UNAUTHENTICATED");
            assertThat(error.path("message").asString()).isEqualTo("API key not valid. Please pass a valid API key.");
        }
    }

    @Test
    void requestsAreCountedUnderGeminisEndpoints() throws Exception {
        http.postJson(GENERATE, contents("hi"));
        http.postJson(STREAM, contents("hi"));
        http.postJson("/v1beta/models/sim-embed:embedContent", "{\"content\":{\"parts\":[{\"text\":\"a\"}]}}");

        assertThat(sim.control().stats().byEndpoint())
                .containsEntry("gemini.generateContent", 2L).containsEntry("gemini.embedContent", 1L);
    }
}
