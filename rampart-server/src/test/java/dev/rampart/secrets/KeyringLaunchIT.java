package dev.rampart.secrets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.rampart.HttpProbe;
import dev.rampart.LaunchedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The keyring as an operator meets it: sealed by a master key, kept across restarts, guarded against mix-ups. */
class KeyringLaunchIT {

	private static final Duration START = Duration.ofSeconds(90);
	private static final String MASTER_KEY = "a master passphrase long enough";

	@TempDir
	Path temp;

	private static Map<String, String> env(Path data, String masterKey) {
		return Map.of("RAMPART_DATA_DIR", data.toString(), "RAMPART_MASTER_KEY", masterKey, "RAMPART_BOOTSTRAP_ADMIN_EMAIL",
				HttpProbe.ADMIN_EMAIL, "RAMPART_BOOTSTRAP_ADMIN_PASSWORD", HttpProbe.ADMIN_PASSWORD);
	}

	@Test
	void theKeyringSurvivesRestartAndAWrongMasterKeyOrAMissingKeyringStopsStartUpChangingNothing() throws Exception {
		Path data = temp.resolve("data");
		Path keyring = data.resolve("keyring.json");
		int port = LaunchedServer.freePort();
		String id;
		try (LaunchedServer server = LaunchedServer.start(port, env(data, MASTER_KEY)).awaitReady(START)) {
			HttpProbe.Reply created = HttpProbe.signedIn(port).json("POST", "/api/v1/credentials",
					"{\"name\":\"prod\",\"provider\":\"sim\",\"secret\":\"sk-survives-restarts\"}");
			assertThat(created.status()).isEqualTo(201);
			id = created.json().get("id").asString();
			server.stop();
		}
		assertThat(Files.readString(keyring)).contains("rampart-keyring/1+sealed");
		byte[] sealed = Files.readAllBytes(keyring);

		LaunchedServer wrongKey = LaunchedServer.start(port, env(data, "not the master passphrase at all"));
		assertThat(wrongKey.awaitExit(START)).isNotZero();
		assertThat(wrongKey.stderr()).contains("Rampart could not start: The master key does not open the keyring");
		assertThat(Files.readAllBytes(keyring)).isEqualTo(sealed);

		try (LaunchedServer again = LaunchedServer.start(port, env(data, MASTER_KEY)).awaitReady(START)) {
			HttpProbe http = HttpProbe.signedIn(port);
			assertThat(http.get("/api/v1/credentials/" + id).json().get("secretHint").asString()).isEqualTo("••••arts");
			assertThat(http.json("POST", "/api/v1/credentials/" + id + "/test", null).json().get("status").asString())
				.isEqualTo("valid");
			again.stop();
		}

		Files.move(keyring, temp.resolve("keyring-backup.json"));
		LaunchedServer missing = LaunchedServer.start(port, env(data, MASTER_KEY));
		assertThat(missing.awaitExit(START)).isNotZero();
		assertThat(missing.stderr()).contains("is missing, but the database holds").contains("Restore the keyring");
		assertThat(keyring).doesNotExist();
	}
}
