package dev.rampart.sim.internal;

/** Renders one reply as the dialect's server-sent events; stateful, one instance per response. */
interface StreamEncoder {

    /** Events before the first token (OpenAI's role chunk, Anthropic's message_start and ping). */
    void begin(SseBuffer out);

    void piece(Reply.Piece piece, SseBuffer out);

    /** A data line that is not valid JSON, for the malformed fault. */
    void brokenEvent(SseBuffer out);

    /** Finish reason, usage and the stream terminator. */
    void end(SseBuffer out);
}
