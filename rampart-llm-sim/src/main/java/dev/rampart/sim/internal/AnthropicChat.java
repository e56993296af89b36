package dev.rampart.sim.internal;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic's {@code POST /v1/messages}: request parsing and the non-streaming response. */
final class AnthropicChat implements ChatDialect {

    @Override
    public String endpoint() {
        return "messages";
    }

    @Override
    public ErrorShape errors() {
        return AnthropicErrors.INSTANCE;
    }

    @Override
    public Conversation parse(JsonNode body, PathParams path) {
        return AnthropicRequests.parse(body);
    }

    @Override
    public byte[] completion(Conversation conversation, Reply reply, RequestScope scope) {
        ObjectNode message = message(conversation, scope);
        ArrayNode content = message.putArray("content");
        if (!reply.text().isEmpty() || reply.calls().isEmpty()) {
            content.addObject().put("type", "text").put("text", reply.text());
        }
        for (int i = 0; i < reply.calls().size(); i++) {
            Reply.Call call = reply.calls().get(i);
            ObjectNode block = content.addObject();
            block.put("type", "tool_use");
            block.put("id", toolUseId(scope, i));
            block.put("name", call.name());
            block.set("input", Json.MAPPER.readTree(call.argumentsJson()));
        }
        message.put("stop_reason", reply.finish().anthropic);
        message.putNull("stop_sequence");
        message.set("usage", usage(conversation.promptTokens(), reply.completionTokens()));
        return Json.bytes(message);
    }

    @Override
    public byte[] malformedCompletion(Conversation conversation, RequestScope scope) {
        String start = Json.string(message(conversation, scope));
        return (start.substring(0, start.length() - 1) + ",\"content\":[{\"type\":\"text\",\"text\":\"unterminated")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public StreamEncoder streamEncoder(Conversation conversation, Reply reply, RequestScope scope) {
        return new AnthropicStream(conversation, reply, scope);
    }

    /** The message envelope without content, shared by the response and the stream's message_start. */
    static ObjectNode message(Conversation conversation, RequestScope scope) {
        ObjectNode message = Json.object();
        message.put("id", "msg_sim" + scope.number());
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", conversation.model());
        return message;
    }

    static String toolUseId(RequestScope scope, int index) {
        return "toolu_sim" + scope.number() + "_" + index;
    }

    static ObjectNode usage(int inputTokens, int outputTokens) {
        ObjectNode usage = Json.object();
        usage.put("input_tokens", inputTokens);
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", 0);
        usage.put("output_tokens", outputTokens);
        return usage;
    }
}
