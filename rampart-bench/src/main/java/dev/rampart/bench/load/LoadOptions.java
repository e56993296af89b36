package dev.rampart.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One closed-loop scenario: {@code concurrency} workers each send the next request as soon as the
 * previous one completes, for {@code warmup} (not recorded) and then {@code duration} (recorded),
 * stopping early once {@code maxRequests} measured requests have been sent (0 = no count limit).
 *
 * @param streaming read the response as Server-Sent Events to the end and require {@code data:
 *     [DONE]}
 * @param clients how many HttpClient instances share the workers; each has one selector thread
 */
public record LoadOptions(
    String name,
    URI uri,
    String method,
    List<Header> headers,
    byte[] body,
    boolean streaming,
    int concurrency,
    Duration warmup,
    Duration duration,
    long maxRequests,
    Duration requestTimeout,
    int clients) {

  public static final int DEFAULT_CONCURRENCY = 64;
  public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(5);
  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(15);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** Upper bound on workers: loopback only, and one process holds one socket per worker. */
  public static final int MAX_CONCURRENCY = 10_000;

  /** Workers per HttpClient instance beyond which another instance (another selector) is added. */
  static final int WORKERS_PER_CLIENT = 250;

  static final int MAX_CLIENTS = 8;

  public LoadOptions {
    Objects.requireNonNull(uri, "uri");
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("URL must be http or https, got '" + uri + "'");
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException("concurrency must be 1.." + MAX_CONCURRENCY + ", got " + concurrency);
    }
    if (warmup.isNegative() || !duration.isPositive() || !requestTimeout.isPositive()) {
      throw new IllegalArgumentException("warm-up must be >= 0 and duration and timeout > 0");
    }
    if (maxRequests < 0) {
      throw new IllegalArgumentException("request count must be >= 0, got " + maxRequests);
    }
    if (clients < 1 || clients > concurrency) {
      throw new IllegalArgumentException("clients must be 1..concurrency, got " + clients);
    }
    headers = List.copyOf(headers);
    body = body.clone();
  }

  /** A copy: records expose their components, and the request body must not change mid-run. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Enough HttpClient instances that no single selector thread serves more than ~250 sockets. */
  public static int defaultClients(int concurrency) {
    return Math.clamp((concurrency + WORKERS_PER_CLIENT - 1) / WORKERS_PER_CLIENT, 1, MAX_CLIENTS);
  }

  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  /** Builder with the named defaults above. */
  public static final class Builder {
    private final URI uri;
    private String name = "";
    private String method = "";
    private final List<Header> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private boolean streaming;
    private int concurrency = DEFAULT_CONCURRENCY;
    private Duration warmup = DEFAULT_WARMUP;
    private Duration duration = DEFAULT_DURATION;
    private long maxRequests;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int clients;

    private Builder(URI uri) {
      this.uri = uri;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Default: GET without a body, POST with one. */
    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder header(Header header) {
      headers.add(header);
      return this;
    }

    public Builder body(byte[] body) {
      this.body = body.clone();
      return this;
    }

    public Builder streaming(boolean streaming) {
      this.streaming = streaming;
      return this;
    }

    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    public Builder warmup(Duration warmup) {
      this.warmup = warmup;
      return this;
    }

    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    public Builder maxRequests(long maxRequests) {
      this.maxRequests = maxRequests;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** 0 (the default) picks {@link #defaultClients(int)}. */
    public Builder clients(int clients) {
      this.clients = clients;
      return this;
    }

    public LoadOptions build() {
      String m = method.isEmpty() ? (body.length == 0 ? "GET" : "POST") : method;
      String n = name.isEmpty() ? m + " " + uri.getRawPath() + (streaming ? " (stream)" : "") : name;
      int c = clients == 0 ? Math.min(defaultClients(concurrency), Math.max(concurrency, 1)) : clients;
      return new LoadOptions(n, uri, m, headers, body, streaming, concurrency, warmup, duration, maxRequests, requestTimeout, c);
    }
  }
}
