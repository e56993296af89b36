package dev.rampart.sim.internal;

import tools.jackson.databind.node.ObjectNode;

/**
 * Ollama's streaming format: one JSON object per line ({@code application/x-ndjson}), {@code done:false}
 * lines with a piece of {@code message.content}, a tool call whole in one line, and a last {@code done:true}
 * line with the reason and the usage counts. There is no preamble and no terminator besides that line.
 */
final class OllamaStream implements StreamEncoder {

    private final OllamaChat chat;
    private final Conversation conversation;
    private final Reply reply;
    private final RequestScope scope;

    OllamaStream(OllamaChat chat, Conversation conversation, Reply reply, RequestScope scope) {
        this.chat = chat;
        this.conversation = conversation;
        this.reply = reply;
        this.scope = scope;
    }

    @Override
    public String contentType() {
        return Exchange.NDJSON;
    }

    @Override
    public void begin(SseBuffer out) {
        // Ollama's first line already carries the first token.
    }

    @Override
    public void piece(Reply.Piece piece, SseBuffer out) {
        switch (piece) {
            case Reply.TextPiece text -> out.line(Json.string(line(text.text())));
            case Reply.CallStart start -> {
                ObjectNode line = line("");
                ((ObjectNode) line.get("message")).putArray("tool_calls")
                        .add(OllamaChat.toolCall(scope, start.index(), start.call()));
                out.line(Json.string(line));
            }
            case Reply.ArgumentsPiece ignored -> {
                // The whole call went out with its start; its argument tokens only take their time.
            }
        }
    }

    @Override
    public void brokenEvent(SseBuffer out) {
        String start = Json.string(chat.header(conversation));
        out.raw(start.substring(0, start.length() - 1) + ",\"message\":{\"role\":\"assistant\",\"content\":\"unterminated\n");
    }

    @Override
    public void end(SseBuffer out) {
        ObjectNode last = line("");
        OllamaChat.done(last, conversation, reply);
        out.line(Json.string(last));
    }

    private ObjectNode line(String content) {
        ObjectNode line = chat.header(conversation);
        line.putObject("message").put("role", "assistant").put("content", content);
        line.put("done", false);
        return line;
    }
}
