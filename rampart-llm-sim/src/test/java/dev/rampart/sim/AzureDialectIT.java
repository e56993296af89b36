package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Azure OpenAI's deployment routes: the OpenAI dialect with the deployment as the model and an api-key header. */
class AzureDialectIT {

    private static final String KEY = "azure-key-1";
    private static final String VERSION = "?api-version=2024-10-21";
    private static final String CHAT = "/openai/deployments/sim-echo/chat/completions" + VERSION;

    private static LlmSimulator sim;
    private static RawHttp http;

    @BeforeAll
    static void startSimulator() {
        sim = LlmSimulator.start(SimulatorOptions.builder().acceptedApiKeys(List.of(KEY)).build());
        http = new RawHttp(sim.baseUrl());
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    private static String chat(String text, boolean stream) {
        return """
                {"stream":%s,"stream_options":{"include_usage":%s},"messages":[{"role":"user","content":%s}]}"""
                .formatted(stream, stream, RawHttp.JSON.writeValueAsString(text));
    }

    @Test
    void theDeploymentIsTheModelAndTheAnswerIsOpenAis() throws Exception {
        String request = """
                {"model":"ignored-by-azure","messages":[{"role":"user","content":"Hello, Azure!"}]}""";

        HttpResponse<String> response = http.postJson(CHAT, request, "api-key", KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = RawHttp.json(response);
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("model").asString()).isEqualTo("sim-echo");
        assertThat(body.path("choices").get(0).path("message").path("content").asString()).isEqualTo("Hello, Azure!");
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void streamingIsOpenAisEventStream() throws Exception {
        HttpResponse<String> response = http.postJson(CHAT, chat("two words", true), "api-key", KEY);

        List<String> data = RawHttp.dataLines(response.body());
        assertThat(data).endsWith("[DONE]");
        assertThat(response.body()).contains("\"content\":\"two \"").contains("\"usage\":{\"prompt_tokens\":2");
    }

    @Test
    void theToolsDeploymentCallsTools() throws Exception {
        String request = """
                {"messages":[{"role":"user","content":"weather?"}],"tools":[{"type":"function","function":{
                  "name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}""";

        JsonNode choice = RawHttp.json(http.postJson("/openai/deployments/sim-tools/chat/completions" + VERSION, request,
                "api-key", KEY)).path("choices").get(0);

        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(choice.path("message").path("tool_calls").get(0).path("function").path("arguments").asString())
                .isEqualTo("{\"city\":\"Paris\"}");
    }

    @Test
    void embeddingsUseTheDeploymentToo() throws Exception {
        HttpResponse<String> response = http.postJson("/openai/deployments/sim-embed/embeddings" + VERSION,
                "{\"input\":[\"a\",\"b\"],\"dimensions\":8}", "api-key", KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = RawHttp.json(response);
        assertThat(body.path("data")).hasSize(2);
        assertThat(body.path("data").get(0).path("embedding")).hasSize(8);
        assertThat(body.path("model").asString()).isEqualTo("sim-embed");
    }

    @Test
    void anApiVersionIsRequired() throws Exception {
        HttpResponse<String> response = http.postJson("/openai/deployments/sim-echo/chat/completions",
                chat("hi", false), "api-key", KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = RawHttp.json(response).path("error");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asString()).contains("api-version");
    }

    @Test
    void theApiKeyHeaderIsCheckedOnAzureRoutesAndIgnoredElsewhere() throws Exception {
        HttpResponse<String> wrong = http.postJson(CHAT, chat("hi", false), "api-key", "not-it");
        HttpResponse<String> bearer = http.postJson(CHAT, chat("hi", false), "Authorization", "Bearer " + KEY);
        HttpResponse<String> onOpenAi = http.postJson("/v1/chat/completions", RawHttp.chatRequest("sim-echo", "hi", false),
                "api-key", KEY);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(RawHttp.json(wrong).path("error").path("code").asString()).isEqualTo("invalid_api_key");
        assertThat(wrong.body()).doesNotContain("not-it");
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(onOpenAi.statusCode()).isEqualTo(401);
        assertThat(RawHttp.json(onOpenAi).path("error").path("message").asString()).startsWith("Missing API key");
    }

    @Test
    void unknownDeploymentsAndOperationsAreNotFound() throws Exception {
        HttpResponse<String> deployment = http.postJson("/openai/deployments/gpt-nonexistent/chat/completions" + VERSION,
                chat("hi", false), "api-key", KEY);
        HttpResponse<String> operation = http.postJson("/openai/deployments/sim-echo/completions" + VERSION,
                chat("hi", false), "api-key", KEY);

        assertThat(deployment.statusCode()).isEqualTo(404);
        assertThat(RawHttp.json(deployment).path("error").path("code").asString()).isEqualTo("model_not_found");
        assertThat(operation.statusCode()).isEqualTo(404);
    }

    @Test
    void requestsAreCountedUnderAzuresEndpoints() throws Exception {
        sim.control().reset();
        http.postJson(CHAT, chat("hi", false), "api-key", KEY);
        http.postJson("/openai/deployments/sim-embed/embeddings" + VERSION, "{\"input\":\"a\"}", "api-key", KEY);

        assertThat(sim.control().stats().byEndpoint())
                .containsEntry("azure.chat.completions", 1L).containsEntry("azure.embeddings", 1L);
    }
}
