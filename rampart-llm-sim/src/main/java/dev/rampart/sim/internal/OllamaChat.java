package dev.rampart.sim.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ollama's native {@code POST /api/chat}: request parsing and the non-streaming response, whose
 * {@code prompt_eval_count} and {@code eval_count} are the usage. Durations are reported as zero.
 */
final class OllamaChat implements ChatDialect {

    private final Clock clock;

    OllamaChat(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String endpoint() {
        return "ollama.chat";
    }

    @Override
    public ErrorShape errors() {
        return OllamaErrors.INSTANCE;
    }

    @Override
    public Conversation parse(JsonNode body, PathParams path) {
        return OllamaRequests.parse(body);
    }

    @Override
    public byte[] completion(Conversation conversation, Reply reply, RequestScope scope) {
        ObjectNode root = header(conversation);
        ObjectNode message = root.putObject("message").put("role", "assistant").put("content", reply.text());
        if (!reply.calls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (int i = 0; i < reply.calls().size(); i++) {
                calls.add(toolCall(scope, i, reply.calls().get(i)));
            }
        }
        done(root, conversation, reply);
        return Json.bytes(root);
    }

    @Override
    public byte[] malformedCompletion(Conversation conversation, RequestScope scope) {
        String start = Json.string(header(conversation));
        return (start.substring(0, start.length() - 1) + ",\"message\":{\"role\":\"assistant\",\"content\":\"unterminated")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public StreamEncoder streamEncoder(Conversation conversation, Reply reply, RequestScope scope) {
        return new OllamaStream(this, conversation, reply, scope);
    }

    /** The fields every response and stream line starts with. */
    ObjectNode header(Conversation conversation) {
        return Json.object().put("model", conversation.model()).put("created_at", clock.instant().toString());
    }

    /** Ollama's tool call: a whole call with its arguments as an object, never split over lines. */
    static ObjectNode toolCall(RequestScope scope, int index, Reply.Call call) {
        ObjectNode node = Json.object().put("id", OpenAiChat.toolCallId(scope, index));
        node.putObject("function").put("index", index).put("name", call.name())
                .set("arguments", Json.MAPPER.readTree(call.argumentsJson()));
        return node;
    }

    /** The closing fields: done, the reason and the usage counts. */
    static void done(ObjectNode root, Conversation conversation, Reply reply) {
        root.put("done_reason", reply.finish().ollama);
        root.put("done", true);
        root.put("total_duration", 0);
        root.put("load_duration", 0);
        root.put("prompt_eval_count", conversation.promptTokens());
        root.put("prompt_eval_duration", 0);
        root.put("eval_count", reply.completionTokens());
        root.put("eval_duration", 0);
    }
}
