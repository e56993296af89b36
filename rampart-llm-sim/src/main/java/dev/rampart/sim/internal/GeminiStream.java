package dev.rampart.sim.internal;

import tools.jackson.databind.node.ArrayNode;

/**
 * Gemini's {@code streamGenerateContent?alt=sse}: each {@code data:} event is a whole GenerateContentResponse
 * with the next piece of text (or one whole {@code functionCall} part); the last one has an empty text part,
 * the finish reason and {@code usageMetadata}. Nothing follows it: the stream simply ends.
 */
final class GeminiStream implements StreamEncoder {

    private final Conversation conversation;
    private final Reply reply;
    private final RequestScope scope;

    GeminiStream(Conversation conversation, Reply reply, RequestScope scope) {
        this.conversation = conversation;
        this.reply = reply;
        this.scope = scope;
    }

    @Override
    public void begin(SseBuffer out) {
        // The first event already carries the first token.
    }

    @Override
    public void piece(Reply.Piece piece, SseBuffer out) {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        switch (piece) {
            case Reply.TextPiece text -> parts.addObject().put("text", text.text());
            case Reply.CallStart start -> parts.add(GeminiChat.functionCallPart(start.call()));
            case Reply.ArgumentsPiece ignored -> {
                // The whole call went out with its start; its argument tokens only take their time.
                return;
            }
        }
        out.data(Json.string(GeminiChat.response(conversation, scope, parts, null)));
    }

    @Override
    public void brokenEvent(SseBuffer out) {
        out.raw("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"unterminated\n\n");
    }

    @Override
    public void end(SseBuffer out) {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        parts.addObject().put("text", "");
        out.data(Json.string(GeminiChat.response(conversation, scope, parts, reply)));
    }
}
