package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** A simulator started with accepted API keys answers only requests carrying one of them. */
class AcceptedApiKeysIT {

    private static final String GOOD = "sk-sim-good-0123456789";
    private static final String OTHER_GOOD = "sk-ant-sim-other";
    private static final String WRONG = "sk-sim-wrong-9876543210";
    private static final String ANTHROPIC_VERSION = "2023-06-01";

    private static LlmSimulator sim;
    private static RawHttp http;

    @BeforeAll
    static void startSimulator() {
        sim = LlmSimulator.start(SimulatorOptions.builder().acceptedApiKeys(List.of(GOOD, OTHER_GOOD)).build());
        http = new RawHttp(sim.baseUrl());
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Test
    void anAcceptedKeyIsAnsweredOnChatMessagesEmbeddingsAndModels() throws Exception {
        HttpResponse<String> chat = http.postJson("/v1/chat/completions", RawHttp.chatRequest("sim-echo", "hi", false),
                "Authorization", "Bearer " + GOOD);
        HttpResponse<String> messages = http.postJson("/v1/messages", RawHttp.messagesRequest("sim-echo", "hi", false),
                "x-api-key", OTHER_GOOD, "anthropic-version", ANTHROPIC_VERSION);
        HttpResponse<String> embeddings = http.postJson("/v1/embeddings", "{\"model\":\"sim-embed\",\"input\":\"a\"}",
                "Authorization", "Bearer " + OTHER_GOOD);
        HttpResponse<String> models = http.get("/v1/models", "Authorization", "Bearer " + GOOD);
        HttpResponse<String> anthropicModels = http.get("/v1/models", "x-api-key", GOOD,
                "anthropic-version", ANTHROPIC_VERSION);
        HttpResponse<String> oneModel = http.get("/v1/models/sim-echo", "Authorization", "Bearer " + GOOD);

        assertThat(List.of(chat, messages, embeddings, models, anthropicModels, oneModel))
                .extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(RawHttp.json(models).path("data").findValuesAsString("id")).contains("sim-echo");
        assertThat(RawHttp.json(oneModel).path("id").asString()).isEqualTo("sim-echo");
    }

    @Test
    void bothHeadersAreAcceptedOnEitherApi() throws Exception {
        HttpResponse<String> chat = http.postJson("/v1/chat/completions", RawHttp.chatRequest("sim-echo", "hi", false),
                "x-api-key", GOOD);
        HttpResponse<String> messages = http.postJson("/v1/messages", RawHttp.messagesRequest("sim-echo", "hi", false),
                "Authorization", "Bearer " + GOOD, "anthropic-version", ANTHROPIC_VERSION);

        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(messages.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/chat/completions", "/v1/embeddings", "/v1/models", "/v1/models/sim-echo"})
    void aWrongKeyOnAnOpenAiPathIsUnauthorizedWithOpenAisInvalidKeyError(String path) throws Exception {
        HttpResponse<String> response = path.startsWith("/v1/models")
                ? http.get(path, "Authorization", "Bearer " + WRONG)
                : http.postJson(path, openAiBody(path), "Authorization", "Bearer " + WRONG);

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = RawHttp.json(response).path("error");
        assertThat(error.path("message").asString()).startsWith("Incorrect API key provided");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asString()).isEqualTo("invalid_api_key");
        assertThat(response.body()).doesNotContain(WRONG).doesNotContain(GOOD);
    }

    @Test
    void aWrongKeyOnAnthropicMessagesIsUnauthorizedWithAnthropicsAuthenticationError() throws Exception {
        HttpResponse<String> response = http.postJson("/v1/messages", RawHttp.messagesRequest("sim-echo", "hi", false),
                "x-api-key", WRONG, "anthropic-version", ANTHROPIC_VERSION);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(RawHttp.json(response)).isEqualTo(RawHttp.JSON.readTree("""
                {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"""));
    }

    @Test
    void aWrongKeyListingModelsWithAnthropicVersionGetsAnthropicsAuthenticationError() throws Exception {
        HttpResponse<String> response = http.get("/v1/models", "x-api-key", WRONG, "anthropic-version", ANTHROPIC_VERSION);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(RawHttp.json(response).path("type").asString()).isEqualTo("error");
        assertThat(RawHttp.json(response).path("error").path("type").asString()).isEqualTo("authentication_error");
        assertThat(RawHttp.json(response).path("error").path("message").asString()).isEqualTo("invalid x-api-key");
    }

    @Test
    void aMissingKeyIsUnauthorizedOnEveryApiEndpoint() throws Exception {
        HttpResponse<String> chat = http.postJson("/v1/chat/completions", RawHttp.chatRequest("sim-echo", "hi", false));
        HttpResponse<String> messages = http.postJson("/v1/messages", RawHttp.messagesRequest("sim-echo", "hi", false),
                "anthropic-version", ANTHROPIC_VERSION);
        HttpResponse<String> embeddings = http.postJson("/v1/embeddings", "{\"model\":\"sim-embed\",\"input\":\"a\"}");
        HttpResponse<String> models = http.get("/v1/models");
        HttpResponse<String> oneModel = http.get("/v1/models/sim-echo");
        HttpResponse<String> blank = http.get("/v1/models", "Authorization", "Bearer  ");

        assertThat(List.of(chat, messages, embeddings, models, oneModel, blank))
                .extracting(HttpResponse::statusCode).containsOnly(401);
        assertThat(RawHttp.json(chat).path("error").path("code").asString()).isEqualTo("invalid_api_key");
        assertThat(RawHttp.json(chat).path("error").path("message").asString()).startsWith("Missing API key");
        assertThat(RawHttp.json(messages).path("error").path("type").asString()).isEqualTo("authentication_error");
    }

    @Test
    void aKeyDifferingOnlyInCaseOrByAPrefixIsNotAccepted() throws Exception {
        assertThat(http.get("/v1/models", "Authorization", "Bearer " + GOOD.toUpperCase()).statusCode()).isEqualTo(401);
        assertThat(http.get("/v1/models", "Authorization", "Bearer " + GOOD.substring(0, 10)).statusCode()).isEqualTo(401);
        assertThat(http.get("/v1/models", "Authorization", "Bearer " + GOOD + "x").statusCode()).isEqualTo(401);
    }

    @Test
    void eachRequestOnAKeptAliveConnectionIsJudgedByTheKeyItSends() throws Exception {
        RawHttp oneConnection = new RawHttp(sim.baseUrl());

        HttpResponse<String> upperCase = oneConnection.get("/v1/models", "Authorization", "Bearer " + GOOD.toUpperCase());
        HttpResponse<String> exact = oneConnection.get("/v1/models", "Authorization", "Bearer " + GOOD);
        HttpResponse<String> upperCaseAgain = oneConnection.get("/v1/models", "Authorization", "Bearer " + GOOD.toUpperCase());

        assertThat(upperCase.statusCode()).isEqualTo(401);
        assertThat(exact.statusCode()).isEqualTo(200);
        assertThat(upperCaseAgain.statusCode()).isEqualTo(401);
    }

    @Test
    void whenBothHeadersAreSentBothKeysMustBeAccepted() throws Exception {
        HttpResponse<String> oneWrong = http.get("/v1/models", "Authorization", "Bearer " + GOOD, "x-api-key", WRONG);
        HttpResponse<String> bothGood = http.get("/v1/models", "Authorization", "Bearer " + GOOD, "x-api-key", OTHER_GOOD);

        assertThat(oneWrong.statusCode()).isEqualTo(401);
        assertThat(bothGood.statusCode()).isEqualTo(200);
    }

    @Test
    void rejectedRequestsReachNoModelAndAreNotCounted() throws Exception {
        sim.control().reset();

        http.postJson("/v1/chat/completions", RawHttp.chatRequest("sim-echo", "hi", false), "Authorization", "Bearer " + WRONG);
        http.get("/v1/models", "Authorization", "Bearer " + WRONG);

        assertThat(sim.control().stats().requests()).isZero();
    }

    @Test
    void withoutAcceptedKeysAnyKeyOrNoneIsAcceptedOnChatAndModels() throws Exception {
        try (LlmSimulator open = LlmSimulator.start(SimulatorOptions.defaults())) {
            RawHttp client = new RawHttp(open.baseUrl());

            assertThat(List.of(
                    client.get("/v1/models"),
                    client.get("/v1/models/sim-echo"),
                    client.get("/v1/models", "Authorization", "Bearer " + WRONG),
                    client.postJson("/v1/chat/completions", RawHttp.chatRequest("sim-echo", "hi", false)),
                    client.postJson("/v1/messages", RawHttp.messagesRequest("sim-echo", "hi", false), "x-api-key", WRONG)))
                    .extracting(HttpResponse::statusCode).containsOnly(200);
        }
    }

    @Test
    void whenAKeyIsRequiredWithoutAcceptedKeysAnyKeyListsModelsButNoKeyDoesNot() throws Exception {
        try (LlmSimulator strict = LlmSimulator.start(SimulatorOptions.builder().requireApiKey(true).build())) {
            RawHttp client = new RawHttp(strict.baseUrl());

            assertThat(client.get("/v1/models", "Authorization", "Bearer " + WRONG).statusCode()).isEqualTo(200);
            assertThat(client.get("/v1/models").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void theControlReplacesTheAcceptedKeysAtRuntimeAndResetRestoresTheStartUpKeys() throws Exception {
        try (LlmSimulator own = LlmSimulator.start(SimulatorOptions.builder().acceptedApiKeys(List.of(GOOD)).build())) {
            RawHttp client = new RawHttp(own.baseUrl());

            own.control().setAcceptedApiKeys(List.of(OTHER_GOOD));
            int oldKeyAfterChange = client.get("/v1/models", "Authorization", "Bearer " + GOOD).statusCode();
            int newKeyAfterChange = client.get("/v1/models", "Authorization", "Bearer " + OTHER_GOOD).statusCode();
            own.control().setAcceptedApiKeys(List.of());
            int anyKeyWhenEmptied = client.get("/v1/models", "Authorization", "Bearer " + WRONG).statusCode();
            own.control().reset();
            int oldKeyAfterReset = client.get("/v1/models", "Authorization", "Bearer " + GOOD).statusCode();
            int newKeyAfterReset = client.get("/v1/models", "Authorization", "Bearer " + OTHER_GOOD).statusCode();

            assertThat(oldKeyAfterChange).isEqualTo(401);
            assertThat(newKeyAfterChange).isEqualTo(200);
            assertThat(anyKeyWhenEmptied).isEqualTo(200);
            assertThat(oldKeyAfterReset).isEqualTo(200);
            assertThat(newKeyAfterReset).isEqualTo(401);
            assertThat(own.control().acceptedApiKeys()).containsExactly(GOOD);
        }
    }

    @Test
    void theControlRejectsABlankKeyAndKeepsTheKeysItHad() {
        assertThatThrownBy(() -> sim.control().setAcceptedApiKeys(List.of(GOOD, "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(GOOD);

        assertThat(sim.control().acceptedApiKeys()).containsExactlyInAnyOrder(GOOD, OTHER_GOOD);
    }

    private static String openAiBody(String path) {
        return path.equals("/v1/embeddings") ? "{\"model\":\"sim-embed\",\"input\":\"a\"}"
                : RawHttp.chatRequest("sim-echo", "hi", false);
    }
}
