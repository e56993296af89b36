package dev.rampart.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The open-loop driver against an in-test HTTP server on loopback; counts and order, never timings. */
class OpenLoopDriverTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final AtomicInteger okRequests = new AtomicInteger();
  private final AtomicInteger failingRequests = new AtomicInteger();
  private final AtomicInteger heldRequests = new AtomicInteger();
  private final CountDownLatch allHeld = new CountDownLatch(5);
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;
  private URI base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/ok", ex -> answer(ex, okRequests, 200, "ok"));
    server.createContext("/fails", ex -> answer(ex, failingRequests, 503, "busy"));
    server.createContext("/rampart-stream", this::rampartStream);
    server.createContext("/held-until-five", this::heldUntilFive);
    server.createContext("/stalls", this::stalls);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
  }

  private Lane lane(String name, String path, boolean streaming, SseFormat format) {
    return Lane.post(name, base.resolve(path), "{}", List.of(new Header("X-Lane", name)), streaming, format, TIMEOUT);
  }

  @Test
  void everyLaneIsOfferedExactlyTheScheduledRequestsOfTheWindow() throws InterruptedException {
    var options = OpenLoopOptions.of(100, Duration.ofMillis(100), Duration.ofMillis(400), TIMEOUT);

    OpenLoopResult result = new OpenLoopDriver().run(options,
        List.of(lane("ok", "/ok", false, SseFormat.ANY_EVENT), lane("fails", "/fails", false, SseFormat.ANY_EVENT)),
        List.of(CpuWatch.driver()));

    // 100 per second per lane: 200 in all, lanes taking turns; 0.4 s holds exactly 80 of them, 40 per lane.
    OpenLoopResult.LaneResult ok = result.lanes().get(0);
    OpenLoopResult.LaneResult fails = result.lanes().get(1);
    assertThat(ok.offered()).isEqualTo(40);
    assertThat(fails.offered()).isEqualTo(40);
    assertThat(ok.scenario().completed()).isEqualTo(40);
    assertThat(ok.scenario().succeeded()).isEqualTo(40);
    assertThat(ok.serviceTime().count()).isEqualTo(40);
    assertThat(fails.scenario().errors()).isEqualTo(Map.of("http_503", 40L));
    assertThat(fails.scenario().total().count()).isZero();
    assertThat(result.sendLag().count()).isEqualTo(80);
    // Warm-up requests reached the server too, but were not recorded.
    assertThat(okRequests.get()).isGreaterThan(40);
    assertThat(ok.scenario().cpu()).containsKey("driver");
  }

  @Test
  void requestsAreSentOnScheduleWhileEarlierOnesAreStillUnanswered() throws InterruptedException {
    // The target answers nothing until five requests are waiting: a closed loop would wait forever for the first.
    var options = OpenLoopOptions.of(50, Duration.ZERO, Duration.ofMillis(100), TIMEOUT);

    OpenLoopResult result = new OpenLoopDriver().run(options, List.of(lane("held", "/held-until-five", false,
        SseFormat.ANY_EVENT)), List.of());

    OpenLoopResult.LaneResult held = result.lanes().getFirst();
    assertThat(held.offered()).isEqualTo(5);
    assertThat(held.scenario().succeeded()).isEqualTo(5);
    assertThat(held.scenario().concurrency()).isEqualTo(5);
    assertThat(result.maxInFlight()).isEqualTo(5);
    // Latency counts from the intended time, so it is never below the time from the actual send.
    assertThat(held.scenario().total().max()).isGreaterThanOrEqualTo(held.serviceTime().max());
  }

  @Test
  void rampartStreamsEndAtDoneAndFailAtAnErrorEvent() throws InterruptedException {
    var options = OpenLoopOptions.of(100, Duration.ZERO, Duration.ofMillis(200), TIMEOUT);

    OpenLoopResult result = new OpenLoopDriver().run(options,
        List.of(lane("stream", "/rampart-stream", true, SseFormat.RAMPART_CHAT)), List.of());

    ScenarioResult stream = result.lanes().getFirst().scenario();
    assertThat(stream.completed()).isEqualTo(20);
    assertThat(stream.succeeded()).isEqualTo(10);
    assertThat(stream.errors()).isEqualTo(Map.of(ErrorKinds.SSE_ERROR, 10L));
    assertThat(stream.errorSamples().get(ErrorKinds.SSE_ERROR)).contains("PROVIDER_CALL_FAILED");
    assertThat(stream.firstEvent()).isNotNull();
    assertThat(stream.firstEvent().count()).isEqualTo(10);
  }

  @Test
  void aTargetThatNeverAnswersIsCutAfterTheDrainAndEveryRequestCountsAsAnError() throws InterruptedException {
    var options = new OpenLoopOptions(100, Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(200), 3, 1, TIMEOUT);

    OpenLoopResult result = new OpenLoopDriver().run(options, List.of(lane("stalls", "/stalls", false,
        SseFormat.ANY_EVENT)), List.of());

    ScenarioResult stalls = result.lanes().getFirst().scenario();
    assertThat(result.lanes().getFirst().offered()).isEqualTo(10);
    assertThat(stalls.completed()).isEqualTo(10);
    assertThat(stalls.succeeded()).isZero();
    // Three were sent and aborted after the drain; the other seven found three in flight and were not sent.
    assertThat(stalls.errors().get(ErrorKinds.NOT_SENT)).isEqualTo(7L);
    assertThat(stalls.errorCount()).isEqualTo(10);
    assertThat(result.maxInFlight()).isEqualTo(3);
  }

  private void answer(HttpExchange ex, AtomicInteger counter, int status, String text) throws IOException {
    ex.getRequestBody().readAllBytes();
    counter.incrementAndGet();
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private void heldUntilFive(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
    heldRequests.incrementAndGet();
    allHeld.countDown();
    try {
      allHeld.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ex.sendResponseHeaders(200, -1);
    ex.close();
  }

  private void rampartStream(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
    boolean fail = okRequests.incrementAndGet() % 2 == 0;
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      out.write("event: delta\ndata: {\"text\":\"Hel\"}\n\n".getBytes(StandardCharsets.UTF_8));
      out.write((fail ? "event: error\ndata: {\"code\":\"PROVIDER_CALL_FAILED\"}\n\n"
          : "event: delta\ndata: {\"text\":\"lo\"}\n\nevent: done\ndata: {\"finishReason\":\"stop\"}\n\n")
          .getBytes(StandardCharsets.UTF_8));
    }
  }

  private void stalls(HttpExchange ex) throws IOException {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ex.close();
  }
}
