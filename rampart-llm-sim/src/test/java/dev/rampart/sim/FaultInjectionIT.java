package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Each fault kind as a plain HTTP client sees it. */
class FaultInjectionIT extends DefaultSimulatorIT {

    private static String chat(boolean stream) {
        return RawHttp.chatRequest("sim-echo", "one two three four five six seven eight", stream);
    }

    @Test
    void resetClosesTheConnectionWithoutAnyResponse() {
        assertThatThrownBy(() -> http.postJson("/v1/chat/completions", chat(false), "X-Sim-Fault", "reset"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void stallNeverAnswersSoTheClientTimesOut() {
        assertThatThrownBy(() -> http.send(http.post("/v1/chat/completions", chat(false), "X-Sim-Fault", "stall")
                .timeout(Duration.ofMillis(300))))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void aStalledRequestIsClosedOnceTheStallCapPasses() {
        try (LlmSimulator shortStalls = LlmSimulator.start(SimulatorOptions.builder().stallCap(Duration.ofMillis(200)).build())) {
            RawHttp client = new RawHttp(shortStalls.baseUrl());

            assertThatThrownBy(() -> client.postJson("/v1/chat/completions", chat(false), "X-Sim-Fault", "stall"))
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(HttpTimeoutException.class);
        }
    }

    @Test
    void stalledRequestsDoNotHoldUpOtherRequests() throws Exception {
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> stalled = IntStream.range(0, 50)
                .mapToObj(i -> http.client().sendAsync(http.post("/v1/chat/completions", chat(false), "X-Sim-Fault", "stall")
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()))
                .toList();

        HttpResponse<String> normal = http.postJson("/v1/chat/completions", chat(false));

        assertThat(normal.statusCode()).isEqualTo(200);
        assertThat(stalled).noneMatch(java.util.concurrent.CompletableFuture::isDone);
        stalled.forEach(future -> future.cancel(true));
    }

    @Test
    void aTruncatedOpenAiStreamStopsMidReplyWithoutDone() throws Exception {
        HttpResponse<String> response = http.postJson("/v1/chat/completions", chat(true), "X-Sim-Fault", "truncate");

        List<String> data = RawHttp.dataLines(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(data).isNotEmpty().doesNotContain("[DONE]");
        assertThat(response.body()).contains("\"content\":\"one \"").doesNotContain("eight");
    }

    @Test
    void aTruncatedAnthropicStreamStopsMidReplyWithoutMessageStop() throws Exception {
        HttpResponse<String> response = http.postJson("/v1/messages",
                RawHttp.messagesRequest("sim-echo", "one two three four five six", true), "X-Sim-Fault", "truncate");

        assertThat(response.body()).contains("event: message_start").contains("text_delta")
                .doesNotContain("message_stop").doesNotContain("message_delta");
    }

    @Test
    void aTruncatedPlainResponseIsCutShortOfItsDeclaredLength() {
        assertThatThrownBy(() -> http.postJson("/v1/chat/completions", chat(false), "X-Sim-Fault", "truncate"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aMalformedResponseIsA200WhoseBodyIsNotJson() throws Exception {
        HttpResponse<String> response = http.postJson("/v1/chat/completions", chat(false), "X-Sim-Fault", "malformed");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> RawHttp.json(response)).isInstanceOf(JacksonException.class);
    }

    @Test
    void aMalformedStreamContainsOneBrokenDataLineAndStillEnds() throws Exception {
        HttpResponse<String> response = http.postJson("/v1/chat/completions", chat(true), "X-Sim-Fault", "malformed");

        List<String> data = RawHttp.dataLines(response.body());
        long broken = data.stream().filter(line -> !line.equals("[DONE]")).filter(FaultInjectionIT::isNotJson).count();
        assertThat(broken).isEqualTo(1);
        assertThat(data).endsWith("[DONE]");
    }

    @Test
    void aRateLimitCarriesRetryAfterAndRateLimitHeaders() throws Exception {
        HttpResponse<String> response = http.postJson("/v1/chat/completions", chat(false),
                "X-Sim-Fault", "429", "X-Sim-Retry-After", "7");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(RawHttp.json(response).path("error").path("code").asString()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void aRateLimitDefaultsToRetryAfterOneSecond() throws Exception {
        HttpResponse<String> response = http.postJson("/v1/messages",
                RawHttp.messagesRequest("sim-echo", "hi", false), "X-Sim-Fault", "429");

        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(RawHttp.json(response).path("error").path("type").asString()).isEqualTo("rate_limit_error");
    }

    @ParameterizedTest
    @CsvSource({
            "/v1/chat/completions, 500, server_error",
            "/v1/chat/completions, 503, server_error",
            "/v1/messages, 500, api_error",
            "/v1/messages, 503, overloaded_error"})
    void serverErrorsUseTheStatusAndTheDialectsErrorShape(String path, int status, String type) throws Exception {
        String body = path.equals("/v1/messages") ? RawHttp.messagesRequest("sim-echo", "hi", false) : chat(false);

        HttpResponse<String> response = http.postJson(path, body, "X-Sim-Fault", Integer.toString(status));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(RawHttp.json(response).path("error").path("type").asString()).isEqualTo(type);
    }

    @Test
    void faultRatesSetThroughTheAdminEndpointTakeEffectAndCanBeTurnedOff() throws Exception {
        assertThat(http.put("/sim/admin/faults", "{\"500\": 1.0}").statusCode()).isEqualTo(200);
        List<Integer> faulted = statuses(5);

        http.put("/sim/admin/faults", "{}");
        List<Integer> healthy = statuses(5);

        assertThat(faulted).containsOnly(500);
        assertThat(healthy).containsOnly(200);
        assertThat(sim.control().stats().byFault()).containsEntry("500", 5L);
    }

    @Test
    void faultRatesSetThroughTheControlObjectTakeEffect() throws Exception {
        sim.control().setFaultRates(FaultRates.of(Fault.UNAVAILABLE, 1.0));
        List<Integer> faulted = statuses(3);

        sim.control().setFaultRates(FaultRates.NONE);

        assertThat(faulted).containsOnly(503);
        assertThat(statuses(3)).containsOnly(200);
    }

    @Test
    void theSameSeedGivesTheSameSequenceOfFaults() throws Exception {
        SimulatorOptions options = SimulatorOptions.builder().seed(7).faultRates(FaultRates.of(Fault.RATE_LIMITED, 0.5)).build();

        List<Integer> first = statusesFrom(options);
        List<Integer> second = statusesFrom(options);

        assertThat(first).isEqualTo(second).contains(200, 429);
    }

    private static List<Integer> statusesFrom(SimulatorOptions options) throws Exception {
        try (LlmSimulator seeded = LlmSimulator.start(options)) {
            RawHttp client = new RawHttp(seeded.baseUrl());
            List<Integer> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(client.postJson("/v1/chat/completions", chat(false)).statusCode());
            }
            return statuses;
        }
    }

    @Test
    void embeddingsHonourFaultHeadersToo() throws Exception {
        HttpResponse<String> response = http.postJson("/v1/embeddings", "{\"model\":\"sim-embed\",\"input\":\"x\"}",
                "X-Sim-Fault", "429");

        assertThat(response.statusCode()).isEqualTo(429);
    }

    private static List<Integer> statuses(int count) throws Exception {
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(http.postJson("/v1/chat/completions", chat(false)).statusCode());
        }
        return statuses;
    }

    private static boolean isNotJson(String text) {
        try {
            JsonNode ignored = RawHttp.JSON.readTree(text);
            return false;
        } catch (JacksonException e) {
            return true;
        }
    }
}
