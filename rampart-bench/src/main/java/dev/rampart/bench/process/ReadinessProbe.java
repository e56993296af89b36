package dev.rampart.bench.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Polls a health URL until it answers as ready. The poll interval bounds the error of a measured
 * start time, so it is short; a refused connection costs microseconds on loopback.
 */
public final class ReadinessProbe implements AutoCloseable {

  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(20);

  private static final Duration PER_REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(PER_REQUEST_TIMEOUT).build();
  private final Duration interval;

  public ReadinessProbe(Duration interval) {
    this.interval = interval;
  }

  /** Ready means HTTP 200. */
  public static Predicate<HttpResponse<String>> ok() {
    return r -> r.statusCode() == 200;
  }

  /** Ready means HTTP 200 with a Spring Boot health body whose status is UP. */
  public static Predicate<HttpResponse<String>> statusUp() {
    return r -> r.statusCode() == 200 && STATUS_UP.matcher(r.body()).find();
  }

  /**
   * Returns the {@code System.nanoTime} at which the ready answer arrived. Throws
   * IllegalStateException with the child's log tail if it exits or {@code timeout} passes first.
   */
  public long await(URI url, Predicate<HttpResponse<String>> ready, ChildProcess child, Duration timeout)
      throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(PER_REQUEST_TIMEOUT).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() - deadline < 0) {
      if (!child.isAlive()) {
        throw new IllegalStateException(
            "process " + child.pid() + " exited before " + url + " was ready; log " + child.log() + ":\n" + child.logTail(30));
      }
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (ready.test(response)) {
          return System.nanoTime();
        }
        last = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
      } catch (IOException e) {
        last = e.getClass().getSimpleName();
      }
      Thread.sleep(interval);
    }
    throw new IllegalStateException(
        url + " not ready after " + timeout.toSeconds() + " s (last: " + last + "); log " + child.log() + ":\n" + child.logTail(30));
  }

  @Override
  public void close() {
    client.close();
  }

  private static String abbreviate(String body) {
    return body.length() <= 200 ? body : body.substring(0, 200) + "...";
  }
}
