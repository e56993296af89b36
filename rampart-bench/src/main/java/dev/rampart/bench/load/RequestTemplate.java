package dev.rampart.bench.load;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;

/** Builds the one immutable request a scenario sends over and over. */
final class RequestTemplate {

  /** A body without a declared type is JSON: that is what every Rampart and simulator API takes. */
  static final String DEFAULT_CONTENT_TYPE = "application/json";

  private RequestTemplate() {}

  /**
   * Throws IllegalArgumentException for headers the JDK client manages itself (Host, Connection,
   * Content-Length, ...), which is a command-line mistake, not a failure of the target.
   */
  static HttpRequest of(LoadOptions options) {
    byte[] body = options.body();
    var builder =
        HttpRequest.newBuilder(options.uri())
            .timeout(options.requestTimeout())
            .method(options.method(), body.length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    boolean typed = false;
    for (Header header : options.headers()) {
      builder.header(header.name(), header.value());
      typed |= header.name().equalsIgnoreCase("Content-Type");
    }
    if (body.length > 0 && !typed) {
      builder.header("Content-Type", DEFAULT_CONTENT_TYPE);
    }
    if (options.streaming() && options.headers().stream().noneMatch(h -> h.name().equalsIgnoreCase("Accept"))) {
      builder.header("Accept", "text/event-stream");
    }
    return builder.build();
  }
}
