package dev.rampart.secrets.web;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.HttpProbe.Reply;
import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.secrets.cli.KeysCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Key administration over HTTP and through {@code rampart keys}, for platform admins on loopback, in
 * its own context because it rotates the KEK.
 */
@ServerTest
@TestPropertySource(properties = "rampart.secrets.rewrap.batch-size=3")
class KeysAdminIT {

	private static final Map<String, String> ADMIN = Map.of("RAMPART_ADMIN_EMAIL", HttpProbe.ADMIN_EMAIL,
			"RAMPART_ADMIN_PASSWORD", HttpProbe.ADMIN_PASSWORD);
	private static final String OWNER_PASSWORD = "copper-kettle-whistles-at-dawn-42";

	/** The advisory lock key of the rewrap job ("RAMPREWR"). */
	private static final long REWRAP_LOCK = 0x52414d5052455752L;

	@Autowired
	DataSource dataSource;


	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	HttpProbe http;

	@BeforeEach
	void client() {
		http = HttpProbe.signedIn(port);
		for (int i = 0; i < 5; i++) {
			http.json("POST", "/api/v1/credentials", "{\"name\":\"admin-" + UUID.randomUUID() + "\",\"provider\":\"sim\",\"secret\":\"s-" + i + "\"}");
		}
	}

	@Test
	void theCliRotatesAndReportsRewrapProgressUntilDone() {
		Run status = cli("status");
		assertThat(status.exit()).isZero();
		assertThat(status.out()).contains("KEK backend keyring: current version").contains("wraps");

		Run rotate = cli("rotate");

		assertThat(rotate.exit()).as(rotate.err()).isZero();
		assertThat(rotate.out()).containsPattern("KEK version \\d+ is now current")
			.containsPattern("rewrap [0-9a-f-]+: \\d+ of \\d+ data keys re-wrapped")
			.contains("succeeded");
		assertThat(http.get("/api/v1/admin/keys").json().get("dataKeysBehindCurrent").asLong()).isZero();
	}

	@Test
	void retiringOutsideTheKnownVersionsIsRefusedFieldByField() {
		int current = http.get("/api/v1/admin/keys").json().get("kek").get("currentVersion").asInt();
		assertThat(http.json("POST", "/api/v1/admin/keys/rotate", null).status()).isEqualTo(200);
		awaitNoRunningJob();

		Reply tooFar = http.json("PUT", "/api/v1/admin/keys/min-decryption-version", "{\"version\":" + (current + 5) + "}");
		Reply invalid = http.json("PUT", "/api/v1/admin/keys/min-decryption-version", "{\"version\":0}");

		assertThat(tooFar.status()).isEqualTo(400);
		assertThat(tooFar.json().get("errors").get(0).get("field").asString()).isEqualTo("version");
		assertThat(invalid.status()).isEqualTo(400);
		Run cli = cli("retire", "x");
		assertThat(cli.exit()).isEqualTo(2);
	}

	@Test
	void aRewrapIsRefusedWhileAnotherNodeHoldsTheLockAndAJobLeftByADeadNodeIsMarkedAbandoned() throws Exception {
		awaitNoRunningJob();
		UUID orphan = UUID.randomUUID();
		jdbc.sql("insert into key_jobs (id, kind, status, target_version, total, done, node, started_at) "
				+ "values (:id, 'rewrap', 'running', 1, 10, 3, 'a-node-that-died', now())").param("id", orphan).update();

		try (Connection otherNode = dataSource.getConnection(); Statement statement = otherNode.createStatement()) {
			statement.execute("select pg_advisory_lock(" + REWRAP_LOCK + ")");
			Reply refused = http.json("POST", "/api/v1/admin/keys/rewrap", null);
			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.json().get("code").asString()).isEqualTo("REWRAP_ALREADY_RUNNING");
			assertThat(refused.json().get("canRetry").asBoolean()).isTrue();
			statement.execute("select pg_advisory_unlock(" + REWRAP_LOCK + ")");
		}

		Reply started = http.json("POST", "/api/v1/admin/keys/rewrap", null);
		assertThat(started.status()).isEqualTo(202);
		assertThat(http.get("/api/v1/admin/keys/jobs/" + orphan).json().get("status").asString()).isEqualTo("abandoned");
		awaitNoRunningJob();
	}

	@Test
	void anUnknownJobIsNotFoundAndNoNodeIsExplained() {
		assertThat(http.get("/api/v1/admin/keys/jobs/nope").status()).isEqualTo(404);
		Run noNode = cli(ADMIN, "status", "--url", "http://127.0.0.1:1");
		assertThat(noNode.exit()).isEqualTo(1);
		assertThat(noNode.err()).contains("no Rampart node answers at http://127.0.0.1:1");
	}

	@Test
	void onlyAPlatformAdminMayAdministerKeysOverHttpOrTheCli() {
		String email = "owner-" + UUID.randomUUID() + "@example.org";
		HttpProbe owner = HttpProbe.ownerOfNewTenant(port, "keys-" + UUID.randomUUID(), email, OWNER_PASSWORD);

		Reply asOwner = owner.json("POST", "/api/v1/admin/keys/rotate", null);
		assertThat(asOwner.status()).isEqualTo(403);
		assertThat(asOwner.json().get("code").asString()).isEqualTo("PERMISSION_DENIED");
		assertThat(http.anonymous().get("/api/v1/admin/keys").status()).isEqualTo(401);

		Run tenantOwner = cli(Map.of("RAMPART_ADMIN_EMAIL", email, "RAMPART_ADMIN_PASSWORD", OWNER_PASSWORD), "rotate",
				"--url", "http://127.0.0.1:" + port);
		assertThat(tenantOwner.exit()).isEqualTo(1);
		assertThat(tenantOwner.err()).contains("platform:admin");
		Run noCredentials = cli(Map.of(), "status", "--url", "http://127.0.0.1:" + port);
		assertThat(noCredentials.exit()).isEqualTo(1);
		assertThat(noCredentials.err()).contains("RAMPART_ADMIN_EMAIL");
		Run wrongPassword = cli(Map.of("RAMPART_ADMIN_EMAIL", HttpProbe.ADMIN_EMAIL, "RAMPART_ADMIN_PASSWORD", "not it at all"),
				"status", "--url", "http://127.0.0.1:" + port);
		assertThat(wrongPassword.exit()).isEqualTo(1);
		assertThat(wrongPassword.err()).contains("e-mail address or the password is incorrect");
	}

	@Test
	void onlyLoopbackCallersWithoutProxyHeadersMayAdministerKeys() {
		MockHttpServletRequest remote = new MockHttpServletRequest();
		remote.setRemoteAddr("10.0.0.7");
		MockHttpServletRequest proxied = new MockHttpServletRequest();
		proxied.setRemoteAddr("127.0.0.1");
		proxied.addHeader("X-Forwarded-For", "203.0.113.9");
		MockHttpServletRequest local = new MockHttpServletRequest();
		local.setRemoteAddr("127.0.0.1");

		assertThatThrownBy(() -> KeysAdminController.requireLoopback(remote)).hasMessageContaining("ADMIN_LOOPBACK_ONLY");
		assertThatThrownBy(() -> KeysAdminController.requireLoopback(proxied)).hasMessageContaining("ADMIN_LOOPBACK_ONLY");
		KeysAdminController.requireLoopback(local);
	}

	private void awaitNoRunningJob() {
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
			var job = http.get("/api/v1/admin/keys").json().get("lastRewrap");
			return job.isNull() || !job.get("status").asString().equals("running");
		});
	}

	private record Run(int exit, String out, String err) {
	}

	/** The CLI against this node, signed in as the test platform admin. */
	private Run cli(String... args) {
		String[] all = new String[args.length + 2];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--url";
		all[args.length + 1] = "http://127.0.0.1:" + port;
		return cli(ADMIN, all);
	}

	private static Run cli(Map<String, String> env, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = KeysCommand.run(args, env, null, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}
}
