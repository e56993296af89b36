package dev.rampart.secrets;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.secrets.internal.vault.FakeVault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole node on the Vault backends (transit wraps the data keys, KV v2 holds SecretManager's
 * secrets), against {@link FakeVault} because neither Vault nor OpenBao can be installed here.
 */
@ServerTest
class VaultBackendIT {

	static final FakeVault vault = FakeVault.start("rampart-test-token");

	@DynamicPropertySource
	static void vault(DynamicPropertyRegistry registry) {
		registry.add("rampart.secrets.kek.backend", () -> "vault");
		registry.add("rampart.secrets.store", () -> "vault");
		registry.add("rampart.secrets.vault.uri", () -> vault.uri().toString());
		registry.add("rampart.secrets.vault.token", vault::token);
	}

	@AfterAll
	static void stop() {
		vault.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	SecretManager secrets;

	JdbcClient jdbc;

	/** What is stored, seen past row-level security. */
	@Autowired
	void owner(DataSource dataSource) {
		jdbc = DatabaseOwner.jdbc(dataSource);
	}

	@Test
	void credentialsAreWrappedByTransitAndSurviveARotationWithRewrap() {
		HttpProbe http = HttpProbe.signedIn(port);
		Reply created = http.json("POST", "/api/v1/credentials",
				"{\"name\":\"via-vault\",\"provider\":\"sim\",\"secret\":\"sk-wrapped-by-transit\"}");
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(jdbc.sql("select kek_backend || ' ' || wrapped_key from data_keys").query(String.class).list())
			.allMatch(row -> row.startsWith("vault-transit vault:v1:"));

		Reply rotated = http.json("POST", "/api/v1/admin/keys/rotate", null);
		assertThat(rotated.json().get("currentVersion").asInt()).isEqualTo(2);
		String job = rotated.json().get("rewrap").get("id").asString();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> http.get("/api/v1/admin/keys/jobs/" + job).json().get("status").asString().equals("succeeded"));

		assertThat(jdbc.sql("select wrapped_key from data_keys").query(String.class).list())
			.allMatch(wrapped -> wrapped.startsWith("vault:v2:"));
		assertThat(vault.keyVersions("rampart")).isEqualTo(2);
		assertThat(http.json("POST", "/api/v1/credentials/" + id + "/test", null).json().get("status").asString())
			.isEqualTo("valid");

		assertThat(http.json("PUT", "/api/v1/admin/keys/min-decryption-version", "{\"version\":2}").status()).isEqualTo(200);
		assertThat(vault.minDecryptionVersion("rampart")).isEqualTo(2);
		assertThat(http.json("POST", "/api/v1/credentials/" + id + "/test", null).json().get("status").asString())
			.isEqualTo("valid");
	}

	@Test
	void secretManagerReadsAndWritesKvVersionTwo() {
		secrets.putSecret("platform/webhook-signing", SecretValue.of("whsec-0001"));
		secrets.putSecret("platform/webhook-signing", SecretValue.of("whsec-0002"));

		try (SecretValue value = secrets.getSecret("platform/webhook-signing")) {
			assertThat(value.reveal()).isEqualTo("whsec-0002");
		}
		assertThat(vault.kvVersions("rampart/platform/webhook-signing")).isEqualTo(2);
		vault.putKv("rampart/platform/set-in-vault", Map.of("value", "written-by-an-operator"));
		try (SecretValue value = secrets.getSecret("platform/set-in-vault")) {
			assertThat(value.reveal()).isEqualTo("written-by-an-operator");
		}
	}
}
