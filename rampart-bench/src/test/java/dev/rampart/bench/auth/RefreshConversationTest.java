package dev.rampart.bench.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rampart.bench.load.CpuWatch;
import dev.rampart.bench.load.ErrorKinds;
import dev.rampart.bench.load.LoadDriver;
import dev.rampart.bench.load.LoadOptions;
import dev.rampart.bench.load.ScenarioResult;
import dev.rampart.bench.standin.StandInAuth;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Chained refresh rotation through the driver, against an in-test server that counts every reuse; counts only. */
class RefreshConversationTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newHttpClient();
  private HttpServer server;

  @AfterEach
  void stop() {
    http.close();
    if (server != null) {
      server.stop(0);
    }
  }

  private URI start(StandInAuth auth) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    auth.register(server);
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private ScenarioResult rotate(URI base, List<RefreshConversation> families, int requests) throws Exception {
    SignIn signIn = new SignIn(http, base, "a@example.org", "pw", TIMEOUT);
    for (int i = 0; i < 8; i++) {
      families.add(new RefreshConversation(base, TIMEOUT, signIn, signIn.tokens().refreshToken()));
    }
    LoadOptions options = LoadOptions.builder(base.resolve(RefreshConversation.REFRESH_PATH)).method("POST")
        .concurrency(8).warmup(Duration.ZERO).duration(Duration.ofSeconds(60)).maxRequests(requests).build();
    return new LoadDriver().converse(options, List.of(CpuWatch.driver()), families::get);
  }

  @Test
  void eachWorkerSendsTheTokenItsPreviousRefreshReturnedAndNeverOneTwice() throws Exception {
    StandInAuth auth = new StandInAuth(true, 0);
    List<RefreshConversation> families = new ArrayList<>();

    ScenarioResult result = rotate(start(auth), families, 400);

    assertThat(result.completed()).isEqualTo(400);
    assertThat(result.errors()).isEmpty();
    assertThat(auth.reuses()).isZero();
    assertThat(auth.rotations()).isEqualTo(400);
    assertThat(auth.logins()).isEqualTo(8);
    assertThat(families.stream().mapToLong(RefreshConversation::rotations).sum()).isEqualTo(400);
    assertThat(families).allSatisfy(f -> assertThat(f.restarts()).isZero());
  }

  @Test
  void afterALostAnswerTheWorkerSignsInAgainInsteadOfReusingItsToken() throws Exception {
    StandInAuth auth = new StandInAuth(true, 10);
    List<RefreshConversation> families = new ArrayList<>();

    ScenarioResult result = rotate(start(auth), families, 200);

    assertThat(result.completed()).isEqualTo(200);
    assertThat(result.errors()).isEqualTo(Map.of("http_500", 20L));
    assertThat(auth.reuses()).isZero();
    assertThat(families.stream().mapToLong(RefreshConversation::restarts).sum()).isEqualTo(20);
    assertThat(auth.logins()).isEqualTo(8 + 20);
  }

  @Test
  void anAnswerWithoutANewTokenIsABadAnswerAndTheWorkerStartsAgain() throws Exception {
    StandInAuth auth = new StandInAuth(true, 0);
    URI base = start(auth);
    SignIn signIn = new SignIn(http, base, "a@example.org", "pw", TIMEOUT);
    RefreshConversation family = new RefreshConversation(base, TIMEOUT, signIn, signIn.tokens().refreshToken());

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> family.answered("{\"tokenType\":\"Bearer\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no refreshToken");
    assertThat(ErrorKinds.BAD_ANSWER).isEqualTo("bad_answer");
    family.restart();
    assertThat(family.restarts()).isEqualTo(1);
    assertThat(auth.logins()).isEqualTo(2);
  }
}
