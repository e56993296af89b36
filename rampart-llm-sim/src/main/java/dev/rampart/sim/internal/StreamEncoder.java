package dev.rampart.sim.internal;

/**
 * Renders one reply as the dialect's stream (server-sent events, or Ollama's JSON lines); stateful, one
 * instance per response.
 */
interface StreamEncoder {

    /** The stream's content type: server-sent events unless the dialect streams otherwise. */
    default String contentType() {
        return Exchange.EVENT_STREAM;
    }

    /** Events before the first token (OpenAI's role chunk, Anthropic's message_start and ping). */
    void begin(SseBuffer out);

    void piece(Reply.Piece piece, SseBuffer out);

    /** A data line that is not valid JSON, for the malformed fault. */
    void brokenEvent(SseBuffer out);

    /** Finish reason, usage and the stream terminator. */
    void end(SseBuffer out);
}
