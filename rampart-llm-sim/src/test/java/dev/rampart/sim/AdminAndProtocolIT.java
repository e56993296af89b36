package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Admin endpoints, models, embeddings and request validation over plain HTTP. */
class AdminAndProtocolIT extends DefaultSimulatorIT {

    private static final int MAX_BODY = 4096;

    @BeforeAll
    static void startSimulator() {
        start(SimulatorOptions.builder().maxBodyBytes(MAX_BODY).embeddingDimensions(32).build());
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> response = http.get("/sim/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(response).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void theBaseUrlPointsAtTheBoundEphemeralPort() {
        assertThat(sim.port()).isPositive();
        assertThat(sim.baseUrl()).isEqualTo("http://127.0.0.1:" + sim.port());
    }

    @Test
    void modelsAreListedInOpenAiShapeAndInAnthropicShapeWhenAskedWithAnthropicVersion() throws Exception {
        JsonNode openAi = RawHttp.json(http.get("/v1/models"));
        JsonNode anthropic = RawHttp.json(http.get("/v1/models", "anthropic-version", "2023-06-01"));

        assertThat(openAi.path("object").asString()).isEqualTo("list");
        assertThat(openAi.path("data").findValuesAsString("id")).containsExactly("sim-echo", "sim-tools", "sim-embed");
        assertThat(anthropic.path("data").get(0).path("type").asString()).isEqualTo("model");
        assertThat(anthropic.path("has_more").asBoolean()).isFalse();
    }

    @Test
    void embeddingsUseTheConfiguredDefaultSizeAndHonourDimensions() throws Exception {
        JsonNode byDefault = RawHttp.json(http.postJson("/v1/embeddings", "{\"model\":\"sim-embed\",\"input\":\"a\"}"));
        JsonNode sized = RawHttp.json(http.postJson("/v1/embeddings",
                "{\"model\":\"sim-embed\",\"input\":[\"a\",\"b\"],\"dimensions\":8}"));

        assertThat(byDefault.path("data").get(0).path("embedding")).hasSize(32);
        assertThat(sized.path("data")).hasSize(2);
        assertThat(sized.path("data").get(1).path("index").asInt()).isEqualTo(1);
        assertThat(sized.path("data").get(1).path("embedding")).hasSize(8);
    }

    @Test
    void base64EmbeddingsDecodeToTheSameFloats() throws Exception {
        String request = "{\"model\":\"sim-embed\",\"input\":\"same text\",\"dimensions\":4%s}";
        JsonNode floats = RawHttp.json(http.postJson("/v1/embeddings", request.formatted("")));
        JsonNode base64 = RawHttp.json(http.postJson("/v1/embeddings", request.formatted(",\"encoding_format\":\"base64\"")));

        ByteBuffer decoded = ByteBuffer.wrap(Base64.getDecoder().decode(base64.path("data").get(0).path("embedding").asString()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode value : floats.path("data").get(0).path("embedding")) {
            assertThat(decoded.getFloat()).isEqualTo(value.floatValue());
        }
    }

    @Test
    void anUnknownEmbeddingModelIsNotFound() throws Exception {
        HttpResponse<String> response = http.postJson("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"a\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(RawHttp.json(response).path("error").path("code").asString()).isEqualTo("model_not_found");
    }

    @Test
    void latencyCanBeReadAndReplacedOverTheAdminEndpoint() throws Exception {
        HttpResponse<String> put = http.put("/sim/admin/latency",
                "{\"ttftMs\": 0, \"interTokenMs\": [0, 1], \"tokensPerReply\": 12}");
        JsonNode completion = RawHttp.json(http.postJson("/v1/chat/completions", RawHttp.chatRequest("sim-echo", "pad me", false)));

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(http.get("/sim/admin/latency")).path("interTokenMs").path("max").asInt()).isEqualTo(1);
        assertThat(sim.control().latency().tokensPerReply()).isEqualTo(12);
        assertThat(completion.path("usage").path("completion_tokens").asInt()).isEqualTo(12);
    }

    @Test
    void aRequestHeaderOverridesTheReplyLengthForThatRequestOnly() throws Exception {
        JsonNode padded = RawHttp.json(http.postJson("/v1/chat/completions", RawHttp.chatRequest("sim-echo", "short", false),
                "X-Sim-Tokens-Per-Reply", "5", "X-Sim-TTFT-Ms", "0", "X-Sim-Inter-Token-Ms", "0-1"));
        JsonNode natural = RawHttp.json(http.postJson("/v1/chat/completions", RawHttp.chatRequest("sim-echo", "short", false)));

        assertThat(padded.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
        assertThat(natural.path("usage").path("completion_tokens").asInt()).isEqualTo(1);
    }

    @Test
    void statsCountRequestsByEndpointModelAndFaultUntilReset() throws Exception {
        http.postJson("/v1/chat/completions", RawHttp.chatRequest("sim-echo", "a", false));
        http.postJson("/v1/messages", RawHttp.messagesRequest("sim-tools", "b", false), "X-Sim-Fault", "500");
        JsonNode stats = RawHttp.json(http.get("/sim/admin/stats"));

        HttpResponse<String> reset = http.send(http.request("/sim/admin/reset")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(stats.path("requests").asInt()).isEqualTo(2);
        assertThat(stats.path("byEndpoint").path("chat.completions").asInt()).isEqualTo(1);
        assertThat(stats.path("byModel").path("sim-tools").asInt()).isEqualTo(1);
        assertThat(stats.path("byFault").path("500").asInt()).isEqualTo(1);
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(sim.control().stats().requests()).isZero();
    }

    @Test
    void faultRatesAreListedForEveryKind() throws Exception {
        JsonNode faults = RawHttp.json(http.get("/sim/admin/faults"));

        for (Fault fault : Fault.values()) {
            assertThat(faults.path(fault.wireName()).asDouble(-1)).isZero();
        }
    }

    @Test
    void invalidFaultRatesAreRejected() throws Exception {
        HttpResponse<String> response = http.put("/sim/admin/faults", "{\"500\": 0.8, \"503\": 0.8}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(response).path("error").path("message").asString()).contains("add up");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/chat/completions", "/v1/messages"})
    void invalidJsonIsABadRequestInTheDialectsShape(String path) throws Exception {
        HttpResponse<String> response = http.postJson(path, "{\"model\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = RawHttp.json(response);
        if (path.equals("/v1/messages")) {
            assertThat(error.path("type").asString()).isEqualTo("error");
            assertThat(error.path("error").path("type").asString()).isEqualTo("invalid_request_error");
        } else {
            assertThat(error.path("error").path("type").asString()).isEqualTo("invalid_request_error");
        }
    }

    @Test
    void missingMessagesIsABadRequest() throws Exception {
        assertThat(http.postJson("/v1/chat/completions", "{\"model\":\"sim-echo\"}").statusCode()).isEqualTo(400);
        assertThat(http.postJson("/v1/messages", "{\"model\":\"sim-echo\",\"messages\":[]}").statusCode()).isEqualTo(400);
    }

    @Test
    void anUnknownFaultHeaderIsABadRequest() throws Exception {
        HttpResponse<String> response = http.postJson("/v1/chat/completions", RawHttp.chatRequest("sim-echo", "a", false),
                "X-Sim-Fault", "teapot");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() throws Exception {
        HttpResponse<String> response = http.postJson("/v1/chat/completions",
                RawHttp.chatRequest("sim-echo", "x".repeat(MAX_BODY * 2), false));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(RawHttp.json(response).path("error").path("code").asString()).isEqualTo("request_too_large");
    }

    @Test
    void unknownPathsAndWrongMethodsGetErrors() throws Exception {
        assertThat(http.get("/v1/nothing-here").statusCode()).isEqualTo(404);
        assertThat(http.get("/v1/chat/completions").statusCode()).isEqualTo(405);
    }

    @Test
    void anyApiKeyOrNoneIsAcceptedByDefault() throws Exception {
        String body = RawHttp.chatRequest("sim-echo", "a", false);

        assertThat(http.postJson("/v1/chat/completions", body).statusCode()).isEqualTo(200);
        assertThat(http.postJson("/v1/chat/completions", body, "Authorization", "Bearer anything").statusCode()).isEqualTo(200);
    }

    @Test
    void whenAKeyIsRequiredAMissingKeyIsUnauthorizedInEachDialect() throws Exception {
        try (LlmSimulator strict = LlmSimulator.start(SimulatorOptions.builder().requireApiKey(true).build())) {
            RawHttp client = new RawHttp(strict.baseUrl());

            HttpResponse<String> openAi = client.postJson("/v1/chat/completions", RawHttp.chatRequest("sim-echo", "a", false));
            HttpResponse<String> anthropic = client.postJson("/v1/messages", RawHttp.messagesRequest("sim-echo", "a", false));
            HttpResponse<String> withKey = client.postJson("/v1/messages", RawHttp.messagesRequest("sim-echo", "a", false),
                    "x-api-key", "k", "anthropic-version", "2023-06-01");

            assertThat(openAi.statusCode()).isEqualTo(401);
            assertThat(RawHttp.json(openAi).path("error").path("code").asString()).isEqualTo("invalid_api_key");
            assertThat(anthropic.statusCode()).isEqualTo(401);
            assertThat(RawHttp.json(anthropic).path("error").path("type").asString()).isEqualTo("authentication_error");
            assertThat(withKey.statusCode()).isEqualTo(200);
        }
    }
}
