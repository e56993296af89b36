package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Every fault kind on the Ollama, Gemini and Azure routes, with errors in each API's own shape. */
class DialectFaultsIT extends DefaultSimulatorIT {

    private static final String WORDS = "one two three four five six seven eight";

    /** The three dialects' requests, and how each ends a complete stream and spells an error. */
    enum Dialect {
        OLLAMA("/api/chat", "/api/chat", "/api/embed", "{\"model\":\"sim-embed\",\"input\":\"x\"}") {
            @Override
            String body(boolean stream) {
                return """
                        {"model":"sim-echo","stream":%s,"messages":[{"role":"user","content":"%s"}]}"""
                        .formatted(stream, WORDS);
            }

            @Override
            List<String> streamItems(String body) {
                return body.lines().filter(line -> !line.isBlank()).toList();
            }

            @Override
            boolean isStreamEnd(String item) {
                return item.contains("\"done\":true");
            }

            @Override
            void assertErrorShape(JsonNode body, int status) {
                assertThat(body.path("error").isString()).isTrue();
            }
        },
        GEMINI("/v1beta/models/sim-echo:generateContent", "/v1beta/models/sim-echo:streamGenerateContent?alt=sse",
                "/v1beta/models/sim-embed:embedContent", "{\"content\":{\"parts\":[{\"text\":\"x\"}]}}") {
            @Override
            String body(boolean stream) {
                return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + WORDS + "\"}]}]}";
            }

            @Override
            boolean isStreamEnd(String item) {
                return item.contains("\"finishReason\"");
            }

            @Override
            void assertErrorShape(JsonNode body, int status) {
                JsonNode error = body.path("error");
                assertThat(error.path("code").asInt()).isEqualTo(status);
                assertThat(error.path("status").asString()).isEqualTo(switch (status) {
                    case 429 -> "RESOURCE_EXHAUSTED";
                    case 500 -> "INTERNAL";
                    case 503 -> "UNAVAILABLE";
                    default -> throw new IllegalArgumentException("status " + status);
                });
                if (status == 429) {
                    assertThat(error.path("details").get(0).path("retryDelay").asString()).isEqualTo("3s");
                }
            }
        },
        AZURE("/openai/deployments/sim-echo/chat/completions?api-version=2024-10-21",
                "/openai/deployments/sim-echo/chat/completions?api-version=2024-10-21",
                "/openai/deployments/sim-embed/embeddings?api-version=2024-10-21", "{\"input\":\"x\"}") {
            @Override
            String body(boolean stream) {
                return "{\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + WORDS + "\"}]}";
            }

            @Override
            boolean isStreamEnd(String item) {
                return item.equals("[DONE]");
            }

            @Override
            void assertErrorShape(JsonNode body, int status) {
                assertThat(body.path("error").path("type").asString()).isEqualTo(status == 429 ? "requests" : "server_error");
                assertThat(body.path("error").has("param")).isTrue();
            }
        };

        final String chatPath;
        final String streamPath;
        final String embedPath;
        final String embedBody;

        Dialect(String chatPath, String streamPath, String embedPath, String embedBody) {
            this.chatPath = chatPath;
            this.streamPath = streamPath;
            this.embedPath = embedPath;
            this.embedBody = embedBody;
        }

        abstract String body(boolean stream);

        /** The stream's units: data payloads of server-sent events, or Ollama's lines. */
        List<String> streamItems(String body) {
            return RawHttp.dataLines(body);
        }

        abstract boolean isStreamEnd(String item);

        abstract void assertErrorShape(JsonNode body, int status);

        HttpResponse<String> chat(boolean stream, String fault) throws IOException, InterruptedException {
            return http.postJson(stream ? streamPath : chatPath, body(stream), "X-Sim-Fault", fault,
                    "X-Sim-Retry-After", "3");
        }

        HttpResponse<String> chat(boolean stream) throws IOException, InterruptedException {
            return http.postJson(stream ? streamPath : chatPath, body(stream));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void rateLimitsAndServerErrorsUseTheDialectsShape(Dialect dialect) throws Exception {
        for (int status : new int[] {429, 500, 503}) {
            HttpResponse<String> response = dialect.chat(false, Integer.toString(status));

            assertThat(response.statusCode()).isEqualTo(status);
            dialect.assertErrorShape(RawHttp.json(response), status);
            if (status == 429) {
                assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
            }
        }
        assertThat(sim.control().stats().byFault()).containsEntry("429", 1L).containsEntry("500", 1L)
                .containsEntry("503", 1L);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aStreamingRequestIsRefusedBeforeTheStreamStarts(Dialect dialect) throws Exception {
        HttpResponse<String> response = dialect.chat(true, "429");

        assertThat(response.statusCode()).isEqualTo(429);
        dialect.assertErrorShape(RawHttp.json(response), 429);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void embeddingsFailInTheDialectsShapeToo(Dialect dialect) throws Exception {
        HttpResponse<String> response = http.postJson(dialect.embedPath, dialect.embedBody, "X-Sim-Fault", "503");

        assertThat(response.statusCode()).isEqualTo(503);
        dialect.assertErrorShape(RawHttp.json(response), 503);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void resetClosesTheConnectionWithoutAResponse(Dialect dialect) {
        assertThatThrownBy(() -> dialect.chat(false, "reset")).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void stallNeverAnswers(Dialect dialect) {
        assertThatThrownBy(() -> http.send(http.post(dialect.chatPath, dialect.body(false), "X-Sim-Fault", "stall")
                .timeout(Duration.ofMillis(300))))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aTruncatedPlainReplyIsCutShort(Dialect dialect) {
        assertThatThrownBy(() -> dialect.chat(false, "truncate")).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aTruncatedStreamStopsMidReplyWithoutItsEnd(Dialect dialect) throws Exception {
        HttpResponse<String> complete = dialect.chat(true);
        HttpResponse<String> truncated = dialect.chat(true, "truncate");

        assertThat(dialect.streamItems(complete.body())).anyMatch(dialect::isStreamEnd);
        List<String> items = dialect.streamItems(truncated.body());
        assertThat(truncated.statusCode()).isEqualTo(200);
        assertThat(items).isNotEmpty().noneMatch(dialect::isStreamEnd);
        assertThat(truncated.body()).contains("one ").doesNotContain("eight");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aMalformedPlainReplyIsA200ThatIsNotJson(Dialect dialect) throws Exception {
        HttpResponse<String> response = dialect.chat(false, "malformed");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> RawHttp.json(response)).isInstanceOf(JacksonException.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aMalformedStreamHasOneBrokenItemAndStillEnds(Dialect dialect) throws Exception {
        List<String> items = dialect.streamItems(dialect.chat(true, "malformed").body());

        assertThat(items.stream().filter(item -> !item.equals("[DONE]")).filter(DialectFaultsIT::isNotJson)).hasSize(1);
        assertThat(dialect.isStreamEnd(items.getLast())).isTrue();
    }

    private static boolean isNotJson(String text) {
        try {
            RawHttp.JSON.readTree(text);
            return false;
        } catch (JacksonException e) {
            return true;
        }
    }
}
