package dev.rampart.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.rampart.HttpProbe;
import dev.rampart.RampartApplication;
import dev.rampart.ServerTest;
import dev.rampart.executions.events.RunLogFixture;
import dev.rampart.shared.RampartProperties;
import dev.rampart.shared.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Run streams over SSE and {@code /ws} (docs/live-events.md), on two nodes of one PostgreSQL with LISTEN/NOTIFY fan-out:
 * this test's node writes the events through its journal, as a worker does; readers connect to either node.
 */
@ServerTest
@DirtiesContext
@TestPropertySource(properties = { "rampart.runs.workers=0", "rampart.events.fan-out=postgres",
		"rampart.events.websocket.buffer-messages=32", "rampart.events.websocket.send-time-limit=2s" })
class LiveRunStreamsIT {

	private static ConfigurableApplicationContext secondNode;

	private final RunLogFixture journal;
	private final ApplicationContext node;
	private final DataSource dataSource;

	@LocalServerPort
	int port;

	@Autowired
	LiveRunStreamsIT(ApplicationContext node, DataSource dataSource) {
		this.node = node;
		this.dataSource = dataSource;
		this.journal = new RunLogFixture(node);
	}

	@AfterAll
	static void stop() {
		if (secondNode != null) {
			secondNode.close();
		}
	}

	/** A second whole node on this node's database (migrated already), without workers. */
	private int secondPort() {
		if (secondNode == null) {
			String url = ((HikariDataSource) dataSource).getJdbcUrl();
			String keyring = node.getBean(RampartProperties.class).dataDir().resolve("keyring.json").toString();
			secondNode = new SpringApplicationBuilder(RampartApplication.class).profiles("test")
				.run("--rampart.db.url=" + url, "--rampart.db.user=postgres", "--rampart.db.app-user=rampart_app",
						"--rampart.runs.workers=0", "--rampart.events.fan-out=postgres",
						"--rampart.secrets.kek.keyring-path=" + keyring);
		}
		return ((WebServerApplicationContext) secondNode).getWebServer().getPort();
	}

	private UUID adminsRun(HttpProbe admin) {
		String user = admin.get("/api/v1/users/me").json().path("id").asString();
		return journal.running(TenantId.DEFAULT, "user:" + user);
	}

	@Test
	void sseReconnectsAtRandomPointsAndOnEitherNodeSeeEveryEventOnce() throws Exception {
		HttpProbe admin = HttpProbe.signedIn(port);
		int second = secondPort();
		UUID run = adminsRun(admin);
		CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> journal.append(TenantId.DEFAULT, run, 1, 500, 7,
				16, true));

		SseClient sse = new SseClient();
		Random random = new Random(42);
		List<Long> seqs = new ArrayList<>();
		long last = 0;
		int connections = 0;
		for (boolean ended = false; !ended; connections++) {
			int target = random.nextBoolean() ? port : second;
			SseClient.Read read = sse.read(target, admin.accessToken(), run.toString(), last, 1 + random.nextInt(60), seqs);
			assertThat(read.status()).isEqualTo(200);
			ended = read.ended();
			last = read.last();
		}
		writer.join();

		assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 500).boxed().toList());
		assertThat(connections).isGreaterThan(5);
	}

	@Test
	void anotherTenantsRunIsNotFoundOverSseAndOverTheSocket() {
		HttpProbe admin = HttpProbe.signedIn(port);
		UUID run = adminsRun(admin);
		String name = "live-" + UUID.randomUUID();
		HttpProbe other = HttpProbe.ownerOfNewTenant(port, name, name + "@example.org", "sturdy-horse-battery-"
				+ UUID.randomUUID());

		HttpProbe.Reply reply = other.send("GET", "/api/v1/runs/" + run + "/events", "",
				Map.of("Accept", "text/event-stream"));
		assertThat(reply.status()).isEqualTo(404);

		try (SocketClient socket = SocketClient.ready(port, other.accessToken())) {
			socket.send("{\"type\":\"subscribe\",\"id\":\"c1\",\"run\":\"" + run + "\",\"after\":0}");
			JsonNode error = socket.next("error");
			assertThat(error.path("id").asString()).isEqualTo("c1");
			assertThat(error.path("code").asString()).isEqualTo("RUN_NOT_FOUND");
		}
	}

	@Test
	void otherAcceptValuesKeepTheJsonPage() {
		HttpProbe admin = HttpProbe.signedIn(port);
		UUID run = adminsRun(admin);
		journal.append(TenantId.DEFAULT, run, 1, 2, 2, 8, false);

		HttpProbe.Reply any = admin.send("GET", "/api/v1/runs/" + run + "/events", "", Map.of("Accept", "*/*"));
		HttpProbe.Reply json = admin.send("GET", "/api/v1/runs/" + run + "/events", "",
				Map.of("Accept", "application/json"));

		for (HttpProbe.Reply reply : List.of(any, json)) {
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.contentType()).startsWith("application/json");
			assertThat(reply.json().path("items")).hasSize(2);
		}
	}

	@Test
	void theSocketWantsAuthFirstAndAValidToken() {
		try (SocketClient socket = SocketClient.connect(port, null)) {
			socket.send("{\"type\":\"subscribe\",\"id\":\"c1\",\"run\":\"" + UUID.randomUUID() + "\"}");
			assertThat(socket.closeCode()).isEqualTo(4401);
		}
		try (SocketClient socket = SocketClient.connect(port, null)) {
			socket.send("{\"type\":\"auth\",\"token\":\"not-a-token\"}");
			assertThat(socket.closeCode()).isEqualTo(4401);
		}
		try (SocketClient socket = SocketClient.ready(port, HttpProbe.signedIn(port).accessToken())) {
			socket.send("{\"type\":\"ping\"}");
			assertThat(socket.next("pong").path("type").asString()).isEqualTo("pong");
		}
		try (SocketClient socket = SocketClient.ready(port, HttpProbe.signedIn(port).accessToken())) {
			// longer than rampart.events.websocket.max-message-chars (4096): the container closes with "too big"
			socket.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(5000) + "\"}");
			assertThat(socket.closeCode()).isEqualTo(1009);
		}
		assertThat(CompletableFuture.supplyAsync(() -> SocketClient.connect(port, "https://elsewhere.example.org"))
			.handle((client, failure) -> failure != null)
			.join()).isTrue();
	}

	@Test
	void openSocketsAndFollowedRunsAreMetered() {
		HttpProbe admin = HttpProbe.signedIn(port);
		UUID run = adminsRun(admin);
		MeterRegistry meters = node.getBean(MeterRegistry.class);
		double sockets = gauge(meters, "rampart.events.subscribers", "transport", "ws");
		double feeds = gauge(meters, "rampart.events.run.feeds");
		try (SocketClient one = SocketClient.ready(port, admin.accessToken());
				SocketClient two = SocketClient.ready(port, admin.accessToken())) {
			for (SocketClient socket : List.of(one, two)) {
				socket.send("{\"type\":\"subscribe\",\"id\":\"m\",\"run\":\"" + run + "\",\"after\":0}");
				socket.next("subscribed");
			}
			await().until(() -> gauge(meters, "rampart.events.run.feeds") == feeds + 2);
			assertThat(gauge(meters, "rampart.events.subscribers", "transport", "ws")).isEqualTo(sockets + 2);
			assertThat(node.getBean(LiveRuns.class).followers(new RunKey(TenantId.DEFAULT, run))).isEqualTo(2);
			assertThat(gauge(meters, "rampart.events.followed.runs")).isGreaterThanOrEqualTo(1);
		}
		await().until(() -> gauge(meters, "rampart.events.subscribers", "transport", "ws") == sockets
				&& gauge(meters, "rampart.events.run.feeds") == feeds);

		double streams = gauge(meters, "rampart.events.subscribers", "transport", "sse");
		try (HttpClient client = HttpClient.newHttpClient()) {
			client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/notifications/stream"))
				.header("Authorization", "Bearer " + admin.accessToken()).header("Accept", "text/event-stream").build(),
					HttpResponse.BodyHandlers.discarding());
			await().until(() -> gauge(meters, "rampart.events.subscribers", "transport", "sse") == streams + 1);
			client.shutdownNow();
		}
	}

	@Test
	void streamsOfAFinishedRunEndAndLeaveNothingBehind() throws Exception {
		HttpProbe admin = HttpProbe.signedIn(port);
		UUID run = adminsRun(admin);
		journal.append(TenantId.DEFAULT, run, 1, 4, 4, 8, true);
		MeterRegistry meters = node.getBean(MeterRegistry.class);
		LiveRuns live = node.getBean(LiveRuns.class);
		double streams = gauge(meters, "rampart.events.subscribers", "transport", "sse");
		SseClient sse = new SseClient();
		for (int i = 0; i < 20; i++) {
			List<Long> seqs = new ArrayList<>();
			SseClient.Read read = sse.read(port, admin.accessToken(), run.toString(), 0, 100, seqs);
			assertThat(read.ended()).isTrue();
			assertThat(seqs).containsExactly(1L, 2L, 3L, 4L);
		}
		// the whole run is sent before Spring takes the emitter: the stream's own cleanup must still run
		await().until(() -> live.followers(new RunKey(TenantId.DEFAULT, run)) == 0);
		await().until(() -> gauge(meters, "rampart.events.subscribers", "transport", "sse") <= streams);
	}

	@Test
	void aStreamOpensAtOnceEvenWhenNothingIsToBeSentYet() throws Exception {
		HttpProbe admin = HttpProbe.signedIn(port);
		UUID run = adminsRun(admin);
		journal.append(TenantId.DEFAULT, run, 1, 2, 2, 8, false);
		try (HttpClient client = HttpClient.newHttpClient()) {
			for (String path : List.of("/api/v1/runs/" + run + "/events?after=2", "/api/v1/notifications/stream")) {
				// the timeout holds until the answer's headers: they must not wait for an event or a heartbeat (15 s)
				HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
						+ path)).header("Authorization", "Bearer " + admin.accessToken()).header("Accept", "text/event-stream")
					.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
						type -> assertThat(type).startsWith("text/event-stream"));
				response.body().close();
			}
			client.shutdownNow();
		}
	}

	private static double gauge(MeterRegistry meters, String name, String... tags) {
		return meters.get(name).tags(tags).gauge().value();
	}

	@Test
	void anEventWrittenOnOneNodeReachesASocketOnTheOther() {
		HttpProbe admin = HttpProbe.signedIn(port);
		int second = secondPort();
		UUID run = adminsRun(admin);
		journal.append(TenantId.DEFAULT, run, 1, 3, 3, 8, false);

		try (SocketClient socket = SocketClient.ready(second, admin.accessToken())) {
			socket.send("{\"type\":\"subscribe\",\"id\":\"c1\",\"run\":\"" + run + "\",\"after\":2}");
			assertThat(socket.next("subscribed").path("id").asString()).isEqualTo("c1");
			assertThat(socket.next("event").path("seq").asLong()).isEqualTo(3);

			journal.append(TenantId.DEFAULT, run, 4, 6, 1, 8, true);
			assertThat(socket.next("event").path("seq").asLong()).isEqualTo(4);
			assertThat(socket.next("event").path("seq").asLong()).isEqualTo(5);
			JsonNode closing = socket.next("event");
			assertThat(closing.path("seq").asLong()).isEqualTo(6);
			assertThat(closing.path("event").asString()).isEqualTo("run_succeeded");
			assertThat(closing.path("run").asString()).isEqualTo(run.toString());
		}
		assertThat(secondNode.getBean(FanOut.class).mode()).isEqualTo("postgres");
	}

	@Test
	void aSlowSocketGetsResyncAndRecoversWhileAFastOneOnTheSameNodeGetsEverything() throws Exception {
		HttpProbe admin = HttpProbe.signedIn(port);
		UUID run = adminsRun(admin);
		int events = 3000;
		String subscribe = "{\"type\":\"subscribe\",\"id\":\"s\",\"run\":\"" + run + "\",\"after\":0}";
		try (StalledSocket slow = new StalledSocket(port);
				SocketClient fast = SocketClient.ready(port, admin.accessToken())) {
			slow.send("{\"type\":\"auth\",\"token\":\"" + admin.accessToken() + "\"}");
			slow.next("ready");
			slow.send(subscribe);
			slow.next("subscribed");
			fast.send(subscribe);
			fast.next("subscribed");

			// about 18 MB: far more than the socket buffers between the server and the stalled client hold
			journal.append(TenantId.DEFAULT, run, 1, events, 100, 6000, true);

			// the fast consumer gets every event while the slow one reads nothing at all
			for (long seq = 1; seq <= events; seq++) {
				assertThat(fast.next("event").path("seq").asLong()).isEqualTo(seq);
			}

			// the fast one's feed ended with the run; the slow one's was dropped, since it could not queue everything
			LiveRuns live = node.getBean(LiveRuns.class);
			await().atMost(Duration.ofSeconds(60)).until(() -> live.followers(new RunKey(TenantId.DEFAULT, run)) == 0);

			List<Long> seqs = new ArrayList<>();
			long resyncAt = -1;
			while (resyncAt < 0) {
				JsonNode message = slow.next();
				switch (message.path("type").asString()) {
					case "event" -> seqs.add(message.path("seq").asLong());
					case "resync" -> resyncAt = message.path("lastSeq").asLong();
					default -> {
					}
				}
				assertThat(seqs).as("the slow socket got every event without a resync").hasSizeLessThan(events);
			}
			assertThat(resyncAt).isLessThan(events);
			assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, resyncAt).boxed().toList());
			slow.send("{\"type\":\"subscribe\",\"id\":\"again\",\"run\":\"" + run + "\",\"after\":" + resyncAt + "}");
			slow.next("subscribed");
			while (seqs.getLast() < events) {
				JsonNode message = slow.next();
				if (message.path("type").asString().equals("event")) {
					seqs.add(message.path("seq").asLong());
				}
			}
			assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, events).boxed().toList());
		}
	}
}
