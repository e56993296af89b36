package dev.rampart.bench.load;

/**
 * Which events of a Server-Sent Events answer are pieces of the reply, which one ends it, and which
 * one reports a failure. Time to first token is the time to the first piece, so a format that
 * opens with an empty event (OpenAI's role chunk) is not credited for it.
 */
public enum SseFormat {

  /** Any event counts, {@code data: [DONE]} ends the stream: the {@code http} driver's generic reading. */
  ANY_EVENT,

  /**
   * OpenAI chat completion chunks: a piece is a chunk whose delta carries non-empty {@code content};
   * {@code data: [DONE]} ends the stream.
   */
  OPENAI_CHAT,

  /**
   * Rampart's playground ({@code POST /api/v1/providers/{id}/chat}, docs/providers.md): {@code
   * event: delta} is a piece, {@code event: done} ends the stream, {@code event: error} fails it.
   */
  RAMPART_CHAT;

  static final String DONE = "[DONE]";

  private static final String CONTENT = "\"content\":\"";

  /** {@code type} is the event's {@code event:} field, or {@code message} when it had none. */
  boolean isPiece(String type, String data) {
    return switch (this) {
      case ANY_EVENT -> !isEnd(type, data);
      case OPENAI_CHAT -> hasContent(data);
      case RAMPART_CHAT -> type.equals("delta");
    };
  }

  boolean isEnd(String type, String data) {
    return this == RAMPART_CHAT ? type.equals("done") : DONE.equals(data);
  }

  boolean isError(String type) {
    return this == RAMPART_CHAT && type.equals("error");
  }

  /** A {@code "content":"} member with at least one character before its closing quote. */
  private static boolean hasContent(String data) {
    int at = data.indexOf(CONTENT);
    int next = at + CONTENT.length();
    return at >= 0 && next < data.length() && data.charAt(next) != '"';
  }
}
