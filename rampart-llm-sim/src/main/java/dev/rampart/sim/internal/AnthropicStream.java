package dev.rampart.sim.internal;

import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's streaming events: message_start, ping, a content block per text run and per tool use
 * (content_block_start / content_block_delta with text_delta or input_json_delta / content_block_stop),
 * message_delta with the stop reason and usage, and message_stop.
 */
final class AnthropicStream implements StreamEncoder {

    private final Conversation conversation;
    private final Reply reply;
    private final RequestScope scope;
    private int nextBlock;
    private int openBlock = -1;
    private boolean openBlockIsText;

    AnthropicStream(Conversation conversation, Reply reply, RequestScope scope) {
        this.conversation = conversation;
        this.reply = reply;
        this.scope = scope;
    }

    @Override
    public void begin(SseBuffer out) {
        ObjectNode message = AnthropicChat.message(conversation, scope);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", AnthropicChat.usage(conversation.promptTokens(), 1));
        ObjectNode start = Json.object().put("type", "message_start");
        start.set("message", message);
        out.event("message_start", Json.string(start));
        out.event("ping", "{\"type\":\"ping\"}");
    }

    @Override
    public void piece(Reply.Piece piece, SseBuffer out) {
        switch (piece) {
            case Reply.TextPiece text -> {
                if (openBlock < 0 || !openBlockIsText) {
                    openTextBlock(out);
                }
                delta(out, Json.object().put("type", "text_delta").put("text", text.text()));
            }
            case Reply.CallStart start -> {
                closeBlock(out);
                ObjectNode block = Json.object();
                block.put("type", "tool_use");
                block.put("id", AnthropicChat.toolUseId(scope, start.index()));
                block.put("name", start.call().name());
                block.putObject("input");
                openBlock(out, block, false);
            }
            case Reply.ArgumentsPiece arguments ->
                    delta(out, Json.object().put("type", "input_json_delta").put("partial_json", arguments.json()));
        }
    }

    @Override
    public void brokenEvent(SseBuffer out) {
        out.raw("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"unterminated\n\n");
    }

    @Override
    public void end(SseBuffer out) {
        if (nextBlock == 0) {
            openTextBlock(out);
        }
        closeBlock(out);
        ObjectNode messageDelta = Json.object().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", reply.finish().anthropic).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", reply.completionTokens());
        out.event("message_delta", Json.string(messageDelta));
        out.event("message_stop", "{\"type\":\"message_stop\"}");
    }

    private void openTextBlock(SseBuffer out) {
        closeBlock(out);
        openBlock(out, Json.object().put("type", "text").put("text", ""), true);
    }

    private void openBlock(SseBuffer out, ObjectNode block, boolean text) {
        openBlock = nextBlock++;
        openBlockIsText = text;
        ObjectNode start = Json.object().put("type", "content_block_start").put("index", openBlock);
        start.set("content_block", block);
        out.event("content_block_start", Json.string(start));
    }

    private void delta(SseBuffer out, ObjectNode delta) {
        ObjectNode event = Json.object().put("type", "content_block_delta").put("index", openBlock);
        event.set("delta", delta);
        out.event("content_block_delta", Json.string(event));
    }

    private void closeBlock(SseBuffer out) {
        if (openBlock >= 0) {
            out.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + openBlock + "}");
            openBlock = -1;
        }
    }
}
