package dev.rampart.sim.internal;

import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI's {@code POST /v1/chat/completions}: request parsing and the non-streaming response. */
final class OpenAiChat implements ChatDialect {

    static final String SYSTEM_FINGERPRINT = "fp_rampart_sim";

    private final Clock clock;

    OpenAiChat(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String endpoint() {
        return "chat.completions";
    }

    @Override
    public ErrorShape errors() {
        return OpenAiErrors.INSTANCE;
    }

    @Override
    public Conversation parse(JsonNode body, PathParams path) {
        return OpenAiRequests.parse(body);
    }

    @Override
    public byte[] completion(Conversation conversation, Reply reply, RequestScope scope) {
        ObjectNode root = header(conversation, scope, "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (reply.text().isEmpty() && !reply.calls().isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", reply.text());
        }
        message.putNull("refusal");
        if (!reply.calls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (int i = 0; i < reply.calls().size(); i++) {
                Reply.Call call = reply.calls().get(i);
                ObjectNode node = calls.addObject();
                node.put("id", toolCallId(scope, i));
                node.put("type", "function");
                node.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", reply.finish().openAi);
        root.set("usage", usage(conversation, reply));
        root.put("system_fingerprint", SYSTEM_FINGERPRINT);
        return Json.bytes(root);
    }

    @Override
    public byte[] malformedCompletion(Conversation conversation, RequestScope scope) {
        String start = Json.string(header(conversation, scope, "chat.completion"));
        return (start.substring(0, start.length() - 1)
                + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"unterminated")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public StreamEncoder streamEncoder(Conversation conversation, Reply reply, RequestScope scope) {
        return new OpenAiStream(this, conversation, reply, scope);
    }

    ObjectNode header(Conversation conversation, RequestScope scope, String object) {
        ObjectNode root = Json.object();
        root.put("id", "chatcmpl-sim" + scope.number());
        root.put("object", object);
        root.put("created", clock.millis() / 1000);
        root.put("model", conversation.model());
        return root;
    }

    static String toolCallId(RequestScope scope, int index) {
        return "call_sim" + scope.number() + "_" + index;
    }

    static ObjectNode usage(Conversation conversation, Reply reply) {
        int prompt = conversation.promptTokens();
        int completion = reply.completionTokens();
        ObjectNode usage = Json.object();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        return usage;
    }
}
