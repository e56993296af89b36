package dev.rampart.bench.load;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One kind of request of an open-loop scenario, with its own results. Lanes of one scenario take
 * turns on one schedule, so that two of them (a target and its baseline) are measured under the
 * same conditions, request by request.
 *
 * @param name the scenario name its results carry
 * @param request sent over and over; immutable
 * @param streaming read the answer as Server-Sent Events in {@code format}
 */
public record Lane(String name, HttpRequest request, boolean streaming, SseFormat format) {

  /** A JSON POST with extra headers ({@code Accept: text/event-stream} added when streaming). */
  public static Lane post(String name, URI uri, String json, List<Header> headers, boolean streaming, SseFormat format,
      Duration timeout) {
    var builder = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", RequestTemplate.DEFAULT_CONTENT_TYPE)
        .POST(BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    headers.forEach(h -> builder.header(h.name(), h.value()));
    if (streaming) {
      builder.header("Accept", "text/event-stream");
    }
    return new Lane(name, builder.build(), streaming, format);
  }

  /** The target, for reports. */
  public String url() {
    return request.uri().toString();
  }

  Exchange exchange() {
    return new Exchange(request, streaming, format);
  }
}
