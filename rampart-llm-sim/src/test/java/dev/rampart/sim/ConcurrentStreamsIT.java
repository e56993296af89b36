package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many simultaneous paced streams: every one must complete with its full content and [DONE]. */
class ConcurrentStreamsIT {

    private static final int STREAMS = 1_000;
    private static final int WORDS = 20;
    /** Hang guard only; the test makes no claim about speed. */
    private static final Duration GUARD = Duration.ofMinutes(2);

    @Test
    void aThousandConcurrentStreamsAllCompleteWithTheirFullReply() {
        LatencyModel paced = new LatencyModel(DelayRange.fixed(1), DelayRange.between(1, 5), 0);
        try (LlmSimulator sim = LlmSimulator.start(SimulatorOptions.builder().latency(paced).build())) {
            RawHttp http = new RawHttp(sim.baseUrl());

            List<String> replies = assertTimeoutPreemptively(GUARD, () -> streamAll(http));

            for (int i = 0; i < STREAMS; i++) {
                assertThat(replies.get(i)).isEqualTo(text(i));
            }
            assertThat(sim.control().stats().byEndpoint()).containsEntry("chat.completions", (long) STREAMS);
        }
    }

    private static List<String> streamAll(RawHttp http) throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                String body = RawHttp.chatRequest("sim-echo", text(i), true);
                futures.add(clients.submit(() -> reassemble(http.postJson("/v1/chat/completions", body))));
            }
            List<String> replies = new ArrayList<>();
            for (Future<String> future : futures) {
                replies.add(future.get());
            }
            return replies;
        }
    }

    /** Joins the content deltas of a stream, failing unless it ended with [DONE]. */
    private static String reassemble(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = RawHttp.dataLines(response.body());
        assertThat(data).last().isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String chunk : data.subList(0, data.size() - 1)) {
            text.append(RawHttp.JSON.readTree(chunk).path("choices").path(0).path("delta").path("content").asString(""));
        }
        return text.toString();
    }

    private static String text(int stream) {
        StringBuilder text = new StringBuilder("stream-" + stream);
        for (int word = 1; word < WORDS; word++) {
            text.append(" w").append(word);
        }
        return text.toString();
    }
}
