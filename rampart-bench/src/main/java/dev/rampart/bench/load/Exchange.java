package dev.rampart.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse;

/**
 * Sends one request and reads the whole answer, because a body left unread both hides the real
 * cost and keeps the connection from being reused. Thread-safe; one per scenario.
 */
final class Exchange {

  private final HttpRequest request;
  private final boolean streaming;
  private final SseFormat format;
  private final SseReader sse;

  Exchange(HttpRequest request, boolean streaming) {
    this(request, streaming, SseFormat.ANY_EVENT);
  }

  /** {@code format} says which events of a streamed answer are pieces and which one ends it. */
  Exchange(HttpRequest request, boolean streaming, SseFormat format) {
    this.request = request;
    this.streaming = streaming;
    this.format = format;
    this.sse = new SseReader(System::nanoTime, format);
  }

  /** Throws InterruptedException only when the worker is being stopped. */
  Outcome send(HttpClient client) throws InterruptedException {
    long start = System.nanoTime();
    long[] headersAt = {-1};
    try {
      if (!streaming) {
        // The handler runs when headers arrive; discarding() then drains without copying.
        HttpResponse<Void> response =
            client.send(request, info -> {
              headersAt[0] = System.nanoTime();
              return BodySubscribers.discarding();
            });
        return byStatus(response.statusCode(), start, headersAt[0], -1, System.nanoTime());
      }
      HttpResponse<InputStream> response =
          client.send(request, info -> {
            headersAt[0] = System.nanoTime();
            return BodySubscribers.ofInputStream();
          });
      try (InputStream body = response.body()) {
        if (!isSuccess(response.statusCode())) {
          body.transferTo(OutputStream.nullOutputStream());
          return byStatus(response.statusCode(), start, headersAt[0], -1, System.nanoTime());
        }
        SseStream stream = sse.read(body);
        long end = System.nanoTime();
        if (stream.error() != null) {
          return new Outcome(start, headersAt[0], stream.firstEventNanos(), end, ErrorKinds.SSE_ERROR,
              "error event after " + stream.events() + " pieces: " + stream.error());
        }
        if (!stream.completed()) {
          return new Outcome(start, headersAt[0], stream.firstEventNanos(), end, ErrorKinds.SSE_TRUNCATED,
              "stream ended without " + (format == SseFormat.RAMPART_CHAT ? "event: done" : "data: [DONE]")
                  + " after " + stream.events() + " events");
        }
        return byStatus(response.statusCode(), start, headersAt[0], stream.firstEventNanos(), end);
      }
    } catch (IOException e) {
      return Outcome.failed(start, System.nanoTime(), ErrorKinds.of(e), e.toString());
    }
  }

  /**
   * Sends the conversation's next request and hands it the answer. After any failure the
   * conversation restarts before this returns, so the worker's next request is usable again.
   */
  static Outcome converse(HttpClient client, Conversation conversation) throws InterruptedException {
    long start = System.nanoTime();
    long[] headersAt = {-1};
    Outcome outcome;
    try {
      HttpResponse<byte[]> response =
          client.send(conversation.next(), info -> {
            headersAt[0] = System.nanoTime();
            return BodySubscribers.ofByteArray();
          });
      long end = System.nanoTime();
      outcome = byStatus(response.statusCode(), start, headersAt[0], -1, end);
      if (outcome.succeeded()) {
        try {
          conversation.answered(response.body());
        } catch (IllegalArgumentException e) {
          outcome = new Outcome(start, headersAt[0], -1, end, ErrorKinds.BAD_ANSWER, e.getMessage());
        }
      }
    } catch (IOException e) {
      outcome = Outcome.failed(start, System.nanoTime(), ErrorKinds.of(e), e.toString());
    }
    if (!outcome.succeeded()) {
      try {
        conversation.restart();
      } catch (IOException e) {
        // The next exchange fails as well and restarts again; its error is what gets counted.
      }
    }
    return outcome;
  }

  private static Outcome byStatus(int status, long start, long headers, long firstEvent, long end) {
    if (!isSuccess(status)) {
      return new Outcome(start, headers, -1, end, ErrorKinds.ofStatus(status), "HTTP " + status);
    }
    return new Outcome(start, headers, firstEvent, end, null, null);
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }
}
