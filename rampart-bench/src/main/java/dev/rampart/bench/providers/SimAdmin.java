package dev.rampart.bench.providers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The embedded simulator's admin API (rampart-llm-sim/README.md), reached on the fixed port the
 * server was given: the latency every reply waits, for the direct calls and the platform's alike.
 */
final class SimAdmin {

  private final HttpClient http;
  private final URI base;
  private final Duration timeout;

  SimAdmin(HttpClient http, URI base, Duration timeout) {
    this.http = http;
    this.base = base;
    this.timeout = timeout;
  }

  /**
   * {@code PUT /sim/admin/latency}: fixed delays, natural reply length. Throws IllegalStateException
   * unless it answers 200, e.g. when the server did not start its simulator on the port it was given.
   */
  void latency(Duration ttft, Duration interToken) throws InterruptedException {
    String body = "{\"ttftMs\":" + ttft.toMillis() + ",\"interTokenMs\":" + interToken.toMillis() + ",\"tokensPerReply\":0}";
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/sim/admin/latency")).timeout(timeout)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("the simulator does not answer at " + base + " (" + e
          + "); the server must start it there (-Drampart.providers.sim.port in the launch command)", e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the simulator's PUT /sim/admin/latency answered " + response.statusCode() + ": "
          + response.body());
    }
  }
}
