package dev.rampart.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.rampart.HttpProbe;
import dev.rampart.RampartApplication;
import dev.rampart.ServerTest;
import dev.rampart.executions.events.RunLogFixture;
import dev.rampart.shared.RampartProperties;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import redis.embedded.RedisServer;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes on one PostgreSQL sharing an embedded Redis (fan-out {@code auto} picks Redis): an event written on this
 * node reaches an SSE stream and a socket on the other, and another tenant's socket on the other node cannot subscribe.
 */
@ServerTest
@DirtiesContext
@TestPropertySource(properties = "rampart.runs.workers=0")
class LiveRedisFanOutIT {

	private static final int REDIS_PORT = freePort();
	private static final RedisServer REDIS = startRedis();
	private static ConfigurableApplicationContext secondNode;

	private final ApplicationContext node;
	private final DataSource dataSource;
	private final RunLogFixture journal;

	@LocalServerPort
	int port;

	@Autowired
	LiveRedisFanOutIT(ApplicationContext node, DataSource dataSource) {
		this.node = node;
		this.dataSource = dataSource;
		this.journal = new RunLogFixture(node);
	}

	@DynamicPropertySource
	static void sharedRedis(DynamicPropertyRegistry registry) {
		registry.add("rampart.redis.url", () -> "redis://127.0.0.1:" + REDIS_PORT);
	}

	@AfterAll
	static void stop() throws IOException {
		if (secondNode != null) {
			secondNode.close();
		}
		REDIS.stop();
	}

	@Test
	void anEventWrittenOnOneNodeReachesSubscribersOnTheOtherThroughRedis() throws Exception {
		String keyring = node.getBean(RampartProperties.class).dataDir().resolve("keyring.json").toString();
		secondNode = new SpringApplicationBuilder(RampartApplication.class).profiles("test")
			.run("--rampart.db.url=" + ((HikariDataSource) dataSource).getJdbcUrl(), "--rampart.db.user=postgres",
					"--rampart.db.app-user=rampart_app", "--rampart.runs.workers=0",
					"--rampart.secrets.kek.keyring-path=" + keyring, "--rampart.redis.url=redis://127.0.0.1:" + REDIS_PORT);
		int second = ((WebServerApplicationContext) secondNode).getWebServer().getPort();
		assertThat(node.getBean(FanOut.class).mode()).isEqualTo("redis");
		assertThat(secondNode.getBean(FanOut.class).mode()).isEqualTo("redis");

		HttpProbe admin = HttpProbe.signedIn(port);
		String user = admin.get("/api/v1/users/me").json().path("id").asString();
		UUID run = journal.running(TenantId.DEFAULT, "user:" + user);
		String name = "live-" + UUID.randomUUID();
		HttpProbe other = HttpProbe.ownerOfNewTenant(port, name, name + "@example.org", "sturdy-horse-battery-"
				+ UUID.randomUUID());

		try (SocketClient socket = SocketClient.ready(second, admin.accessToken());
				SocketClient foreign = SocketClient.ready(second, other.accessToken())) {
			socket.send("{\"type\":\"subscribe\",\"id\":\"c1\",\"run\":\"" + run + "\",\"after\":0}");
			socket.next("subscribed");
			foreign.send("{\"type\":\"subscribe\",\"id\":\"f\",\"run\":\"" + run + "\",\"after\":0}");
			assertThat(foreign.next("error").path("code").asString()).isEqualTo("RUN_NOT_FOUND");

			journal.append(TenantId.DEFAULT, run, 1, 2, 1, 8, false);
			assertThat(socket.next("event").path("seq").asLong()).isEqualTo(1);
			assertThat(socket.next("event").path("seq").asLong()).isEqualTo(2);
			journal.append(TenantId.DEFAULT, run, 3, 3, 1, 8, true);
			assertThat(socket.next("event").path("event").asString()).isEqualTo("run_succeeded");
		}
		List<Long> seqs = new ArrayList<>();
		SseClient.Read read = new SseClient().read(second, admin.accessToken(), run.toString(), 1, 10, seqs);
		assertThat(read.ended()).isTrue();
		assertThat(seqs).containsExactly(2L, 3L);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static RedisServer startRedis() {
		try {
			RedisServer server = new RedisServer(REDIS_PORT);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
