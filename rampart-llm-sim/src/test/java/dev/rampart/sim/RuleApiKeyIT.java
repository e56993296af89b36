package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A rule limited to one API key fails that key's requests only, whichever header carries it. */
class RuleApiKeyIT {

    private static LlmSimulator sim;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sim = LlmSimulator.start(SimulatorOptions.builder().port(0).build());
        sim.control().addRule(ScriptRule.builder("limited").apiKey("sk-busy").fault(Fault.RATE_LIMITED, 1.0).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static int chat(String header, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void onlyTheNamedKeyIsRateLimited() throws Exception {
        assertThat(chat("Authorization", "Bearer sk-busy")).isEqualTo(429);
        assertThat(chat("x-api-key", "sk-busy")).isEqualTo(429);
        assertThat(chat("Authorization", "Bearer sk-free")).isEqualTo(200);
        assertThat(sim.control().stats().byFault()).containsEntry(Fault.RATE_LIMITED.wireName(), 2L);
    }
}
