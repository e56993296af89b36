package dev.rampart.sim.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's streaming format: {@code chat.completion.chunk} objects as {@code data:} lines, tool calls as
 * deltas keyed by index (id and name first, then argument fragments), a finish chunk, an optional usage
 * chunk with empty choices, and {@code data: [DONE]}.
 */
final class OpenAiStream implements StreamEncoder {

    private final Conversation conversation;
    private final Reply reply;
    private final RequestScope scope;
    private final String chunkPrefix;

    OpenAiStream(OpenAiChat chat, Conversation conversation, Reply reply, RequestScope scope) {
        this.conversation = conversation;
        this.reply = reply;
        this.scope = scope;
        String header = Json.string(chat.header(conversation, scope, "chat.completion.chunk"));
        // Every chunk shares id, created and model: render them once and append the rest per chunk.
        this.chunkPrefix = header.substring(0, header.length() - 1) + ",\"system_fingerprint\":\""
                + OpenAiChat.SYSTEM_FINGERPRINT + "\"";
    }

    @Override
    public void begin(SseBuffer out) {
        ObjectNode delta = Json.object().put("role", "assistant").put("content", "");
        out.data(chunk(delta, null));
    }

    @Override
    public void piece(Reply.Piece piece, SseBuffer out) {
        ObjectNode delta = Json.object();
        switch (piece) {
            case Reply.TextPiece text -> delta.put("content", text.text());
            case Reply.CallStart start -> {
                ObjectNode call = delta.putArray("tool_calls").addObject();
                call.put("index", start.index());
                call.put("id", OpenAiChat.toolCallId(scope, start.index()));
                call.put("type", "function");
                call.putObject("function").put("name", start.call().name()).put("arguments", "");
            }
            case Reply.ArgumentsPiece arguments -> {
                ObjectNode call = delta.putArray("tool_calls").addObject();
                call.put("index", arguments.index());
                call.putObject("function").put("arguments", arguments.json());
            }
        }
        out.data(chunk(delta, null));
    }

    @Override
    public void brokenEvent(SseBuffer out) {
        out.raw("data: " + chunkPrefix + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"unterminated\n\n");
    }

    @Override
    public void end(SseBuffer out) {
        out.data(chunk(Json.object(), reply.finish().openAi));
        if (conversation.includeUsage()) {
            out.data(chunkPrefix + ",\"choices\":[],\"usage\":" + Json.string(OpenAiChat.usage(conversation, reply)) + "}");
        }
        out.data("[DONE]");
    }

    private String chunk(ObjectNode delta, @Nullable String finishReason) {
        ObjectNode choice = Json.object();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        String usage = conversation.includeUsage() ? ",\"usage\":null" : "";
        return chunkPrefix + ",\"choices\":[" + Json.string(choice) + "]" + usage + "}";
    }
}
