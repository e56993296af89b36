package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Ollama's native API ({@code /api/chat}, {@code /api/embed}, {@code /api/tags}) as a plain HTTP client sees it. */
class OllamaDialectIT extends DefaultSimulatorIT {

    private static final String WEATHER_TOOL = """
            {"type":"function","function":{"name":"get_weather","description":"Current weather",
             "parameters":{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}},
             "required":["city","days"]}}}""";
    private static final String TIME_TOOL = """
            {"type":"function","function":{"name":"get_time",
             "parameters":{"type":"object","properties":{"timezone":{"type":"string"}},"required":["timezone"]}}}""";

    static String chat(String model, String text, boolean stream) {
        return """
                {"model":"%s","stream":%s,"messages":[{"role":"system","content":"be brief"},
                 {"role":"user","content":%s}]}""".formatted(model, stream, RawHttp.JSON.writeValueAsString(text));
    }

    /** The JSON objects of an NDJSON body, one per line. */
    static List<JsonNode> lines(String body) {
        return body.lines().filter(line -> !line.isBlank()).map(RawHttp.JSON::readTree).toList();
    }

    @Test
    void aNonStreamingChatAnswersInOneObjectWithTheUsageCounts() throws Exception {
        HttpResponse<String> response = http.postJson("/api/chat", chat("sim-echo", "Hello, simulator!", false));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = RawHttp.json(response);
        assertThat(body.path("model").asString()).isEqualTo("sim-echo");
        assertThat(body.path("created_at").asString()).isNotBlank();
        assertThat(body.path("message").path("role").asString()).isEqualTo("assistant");
        assertThat(body.path("message").path("content").asString()).isEqualTo("Hello, simulator!");
        assertThat(body.path("done").asBoolean()).isTrue();
        assertThat(body.path("done_reason").asString()).isEqualTo("stop");
        assertThat(body.path("prompt_eval_count").asInt()).isEqualTo(4);
        assertThat(body.path("eval_count").asInt()).isEqualTo(2);
    }

    @Test
    void withoutAStreamFieldTheChatStreamsJsonLinesEndingInADoneLine() throws Exception {
        String request = """
                {"model":"sim-echo","messages":[{"role":"user","content":"stream these four words"}]}""";

        HttpResponse<String> response = http.postJson("/api/chat", request);

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-ndjson"));
        List<JsonNode> lines = lines(response.body());
        assertThat(lines).hasSize(5);
        assertThat(lines.subList(0, 4)).allSatisfy(line -> assertThat(line.path("done").asBoolean()).isFalse());
        assertThat(lines.subList(0, 4)).extracting(line -> line.path("message").path("content").asString())
                .containsExactly("stream ", "these ", "four ", "words");
        JsonNode last = lines.getLast();
        assertThat(last.path("done").asBoolean()).isTrue();
        assertThat(last.path("done_reason").asString()).isEqualTo("stop");
        assertThat(last.path("message").path("content").asString()).isEmpty();
        assertThat(last.path("prompt_eval_count").asInt()).isEqualTo(4);
        assertThat(last.path("eval_count").asInt()).isEqualTo(4);
    }

    @Test
    void numPredictCutsTheReplyWithALengthReason() throws Exception {
        String request = """
                {"model":"sim-echo","stream":false,"options":{"num_predict":2},
                 "messages":[{"role":"user","content":"one two three four five"}]}""";

        JsonNode body = RawHttp.json(http.postJson("/api/chat", request));

        assertThat(body.path("message").path("content").asString()).isEqualTo("one two");
        assertThat(body.path("done_reason").asString()).isEqualTo("length");
    }

    @Test
    void theLatestTagNamesTheSameModel() throws Exception {
        JsonNode body = RawHttp.json(http.postJson("/api/chat", chat("sim-echo:latest", "tagged", false)));

        assertThat(body.path("message").path("content").asString()).isEqualTo("tagged");
    }

    @Test
    void theToolsModelCallsEveryToolWithArgumentsAsObjects() throws Exception {
        String request = """
                {"model":"sim-tools","stream":false,"messages":[{"role":"user","content":"weather and time?"}],
                 "tools":[%s,%s]}""".formatted(WEATHER_TOOL, TIME_TOOL);

        JsonNode message = RawHttp.json(http.postJson("/api/chat", request)).path("message");

        JsonNode calls = message.path("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).path("function").path("name").asString()).isEqualTo("get_weather");
        assertThat(calls.get(0).path("function").path("arguments").isObject()).isTrue();
        assertThat(RawHttp.JSON.writeValueAsString(calls.get(0).path("function").path("arguments")))
                .isEqualTo("{\"city\":\"Paris\",\"days\":1}");
        assertThat(calls.get(1).path("function").path("index").asInt()).isEqualTo(1);
        assertThat(calls.get(1).path("id").asString()).isNotBlank();
    }

    @Test
    void toolResultsWithoutNamesAnswerTheCallsInOrder() throws Exception {
        String request = """
                {"model":"sim-tools","stream":false,"tools":[%s,%s],"messages":[
                  {"role":"user","content":"weather and time?"},
                  {"role":"assistant","content":"","tool_calls":[
                    {"function":{"name":"get_weather","arguments":{"city":"Paris","days":1}}},
                    {"function":{"name":"get_time","arguments":{"timezone":"CET"}}}]},
                  {"role":"tool","content":"sunny"},
                  {"role":"tool","content":"noon"}]}""".formatted(WEATHER_TOOL, TIME_TOOL);

        JsonNode body = RawHttp.json(http.postJson("/api/chat", request));

        assertThat(body.path("message").path("content").asString()).isEqualTo("get_weather: sunny\nget_time: noon");
        assertThat(body.path("message").has("tool_calls")).isFalse();
    }

    @Test
    void aStreamedToolCallArrivesWholeInOneLine() throws Exception {
        String request = """
                {"model":"sim-tools","messages":[{"role":"user","content":"weather?"}],"tools":[%s,%s]}"""
                .formatted(WEATHER_TOOL, TIME_TOOL);

        List<JsonNode> lines = lines(http.postJson("/api/chat", request).body());

        List<JsonNode> calls = lines.stream().flatMap(line -> line.path("message").path("tool_calls").valueStream())
                .toList();
        assertThat(calls).extracting(call -> call.path("function").path("name").asString())
                .containsExactly("get_weather", "get_time");
        assertThat(calls).extracting(call -> call.path("function").path("index").asInt()).containsExactly(0, 1);
        assertThat(calls).allSatisfy(call -> assertThat(call.path("function").path("arguments").isObject()).isTrue());
        assertThat(lines.getLast().path("done").asBoolean()).isTrue();
    }

    @Test
    void tagsListEveryModelWithItsLatestTag() throws Exception {
        HttpResponse<String> response = http.get("/api/tags");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode models = RawHttp.json(response).path("models");
        assertThat(models.findValuesAsString("name")).contains("sim-echo:latest", "sim-tools:latest", "sim-embed:latest");
        assertThat(models.get(0).path("digest").asString()).hasSize(64);
        assertThat(models.get(0).path("modified_at").asString()).isNotBlank();
    }

    @Test
    void embedTakesAStringOrAnArrayAndHonoursDimensions() throws Exception {
        JsonNode one = RawHttp.json(http.postJson("/api/embed", """
                {"model":"sim-embed","input":"the same text","dimensions":32}"""));
        JsonNode many = RawHttp.json(http.postJson("/api/embed", """
                {"model":"sim-embed","input":["the same text","something else"],"dimensions":32}"""));

        assertThat(one.path("embeddings")).hasSize(1);
        assertThat(one.path("embeddings").get(0)).hasSize(32);
        assertThat(many.path("embeddings")).hasSize(2);
        assertThat(many.path("embeddings").get(0)).isEqualTo(one.path("embeddings").get(0));
        assertThat(many.path("embeddings").get(1)).isNotEqualTo(one.path("embeddings").get(0));
        assertThat(many.path("prompt_eval_count").asInt()).isEqualTo(5);
    }

    @Test
    void errorsAreOllamasPlainErrorObject() throws Exception {
        HttpResponse<String> unknown = http.postJson("/api/chat", chat("llama-nonexistent", "hi", false));
        HttpResponse<String> invalid = http.postJson("/api/chat", "{\"model\":\"sim-echo\"");
        HttpResponse<String> wrongMethod = http.get("/api/chat");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        for (HttpResponse<String> response : List.of(unknown, invalid, wrongMethod)) {
            JsonNode body = RawHttp.json(response);
            assertThat(body.path("error").isString()).as(response.body()).isTrue();
            assertThat(body.size()).isEqualTo(1);
        }
    }

    @Test
    void noKeyIsNeededByDefaultButConfiguredKeysAreCheckedAsBearerTokens() throws Exception {
        assertThat(http.postJson("/api/chat", chat("sim-echo", "hi", false)).statusCode()).isEqualTo(200);

        try (LlmSimulator keyed = LlmSimulator.start(SimulatorOptions.builder().acceptedApiKeys(List.of("ok")).build())) {
            RawHttp client = new RawHttp(keyed.baseUrl());
            HttpResponse<String> missing = client.postJson("/api/chat", chat("sim-echo", "hi", false));
            HttpResponse<String> wrong = client.get("/api/tags", "Authorization", "Bearer nope");
            HttpResponse<String> accepted = client.postJson("/api/embed", "{\"model\":\"sim-embed\",\"input\":\"a\"}",
                    "Authorization", "Bearer ok");

            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(RawHttp.json(missing).path("error").asString()).startsWith("Missing API key");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(RawHttp.json(wrong).path("error").asString()).startsWith("unauthorized").doesNotContain("nope");
            assertThat(accepted.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void requestsAreCountedUnderOllamasEndpoints() throws Exception {
        http.postJson("/api/chat", chat("sim-echo", "hi", false));
        http.postJson("/api/embed", "{\"model\":\"sim-embed\",\"input\":\"a\"}");
        http.get("/api/tags");

        assertThat(sim.control().stats().byEndpoint())
                .containsEntry("ollama.chat", 1L).containsEntry("ollama.embed", 1L).containsEntry("models", 1L);
    }
}
