package dev.rampart.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rampart.bench.process.FreePort;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The driver end to end against an in-test HTTP server on loopback; counts, never timings. */
class LoadDriverTest {

  private final AtomicInteger plainRequests = new AtomicInteger();
  private final AtomicInteger streamRequests = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;
  private URI base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/every-other-fails", this::everyOtherFails);
    server.createContext("/every-other-truncated", this::everyOtherTruncated);
    server.createContext("/stalls", this::stalls);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
  }

  private static LoadOptions.Builder bounded(URI uri, int requests) {
    return LoadOptions.builder(uri)
        .concurrency(8)
        .warmup(Duration.ZERO)
        .duration(Duration.ofSeconds(60))
        .maxRequests(requests)
        .requestTimeout(Duration.ofSeconds(10));
  }

  @Test
  void countsEveryRequestAndClassifiesServerErrorsByStatus() throws InterruptedException {
    ScenarioResult result = new LoadDriver().run(bounded(base.resolve("/every-other-fails"), 200).build(), List.of(CpuWatch.driver()));

    assertThat(plainRequests).hasValue(200);
    assertThat(result.completed()).isEqualTo(200);
    assertThat(result.succeeded()).isEqualTo(100);
    assertThat(result.errors()).isEqualTo(Map.of("http_500", 100L));
    assertThat(result.total().count()).isEqualTo(100);
    assertThat(result.headers().count()).isEqualTo(100);
    assertThat(result.firstEvent()).isNull();
    assertThat(result.cpu()).containsKey("driver");
  }

  @Test
  void streamsWithoutDoneAreTruncatedErrorsAndOnlyCompletedOnesAreTimed() throws InterruptedException {
    LoadOptions options = bounded(base.resolve("/every-other-truncated"), 100).streaming(true).build();

    ScenarioResult result = new LoadDriver().run(options, List.of());

    assertThat(streamRequests).hasValue(100);
    assertThat(result.completed()).isEqualTo(100);
    assertThat(result.errors()).isEqualTo(Map.of(ErrorKinds.SSE_TRUNCATED, 50L));
    assertThat(result.errorSamples()).containsEntry(ErrorKinds.SSE_TRUNCATED, "stream ended without data: [DONE] after 2 events");
    assertThat(result.firstEvent()).isNotNull();
    assertThat(result.firstEvent().count()).isEqualTo(50);
    assertThat(result.total().count()).isEqualTo(50);
  }

  @Test
  void refusedConnectionsAreIoErrorsWithNoLatencyRecorded() throws InterruptedException {
    URI nobody = URI.create("http://127.0.0.1:" + FreePort.pick() + "/");

    ScenarioResult result = new LoadDriver().run(bounded(nobody, 20).concurrency(2).build(), List.of());

    assertThat(result.completed()).isEqualTo(20);
    assertThat(result.errors()).isEqualTo(Map.of("connect_refused", 20L));
    assertThat(result.total()).isEqualTo(LatencySummary.EMPTY);
    assertThat(result.errorSamples().get("connect_refused")).contains("ConnectException");
  }

  @Test
  void warmUpRequestsReachTheServerButAreNotRecorded() throws InterruptedException {
    LoadOptions options = bounded(base.resolve("/every-other-fails"), 40).warmup(Duration.ofMillis(300)).build();

    ScenarioResult result = new LoadDriver().run(options, List.of());

    assertThat(result.completed()).isEqualTo(40);
    assertThat(plainRequests.get()).isGreaterThanOrEqualTo(40);
  }

  @Test
  void manyWorkersShareAFewClients() throws InterruptedException {
    LoadOptions options = bounded(base.resolve("/every-other-fails"), 300).concurrency(60).clients(3).build();

    ScenarioResult result = new LoadDriver().run(options, List.of());

    assertThat(result.completed()).isEqualTo(300);
    assertThat(result.errors().get("http_500")).isEqualTo(150L);
  }

  @Test
  void aStreamThatNeverEndsIsCutAfterTheWindowAndNotCounted() throws InterruptedException {
    LoadOptions options = LoadOptions.builder(base.resolve("/stalls"))
        .streaming(true).concurrency(4).warmup(Duration.ZERO).duration(Duration.ofMillis(300)).build();

    ScenarioResult result = new LoadDriver(Duration.ofMillis(100)).run(options, List.of());

    assertThat(result.completed()).isZero();
    assertThat(result.errors()).isEmpty();
  }

  private void stalls(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    ex.getResponseBody().write("data: {\"x\":1}\n\n".getBytes(StandardCharsets.UTF_8));
    ex.getResponseBody().flush();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ex.close();
  }

  private void everyOtherFails(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
    boolean fail = plainRequests.incrementAndGet() % 2 == 0;
    byte[] body = (fail ? "boom" : "ok").getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(fail ? 500 : 200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private void everyOtherTruncated(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
    boolean truncate = streamRequests.incrementAndGet() % 2 == 0;
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      out.write("data: {\"x\":1}\n\ndata: {\"x\":2}\n\n".getBytes(StandardCharsets.UTF_8));
      if (!truncate) {
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
