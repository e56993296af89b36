package dev.rampart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Starts the packaged jar as an operator would and checks what they see. */
class LaunchIT {

	static final Duration START = Duration.ofSeconds(90);

	@TempDir
	Path temp;

	@Test
	void dataSurvivesARestartAndACrash() throws Exception {
		Map<String, String> env = Map.of("RAMPART_DATA_DIR", temp.resolve("data").toString());
		int port = LaunchedServer.freePort();

		JsonNode first;
		try (LaunchedServer server = LaunchedServer.start(port, env).awaitReady(START)) {
			assertThat(server.stdout()).contains("data folder: " + temp.resolve("data"));
			HttpProbe http = new HttpProbe(port);
			assertThat(http.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
			first = http.get("/actuator/info").json().get("installation");
			assertThat(server.stop()).as("exit code after SIGTERM").isIn(0, 143);
		}

		LaunchedServer restarted = LaunchedServer.start(port, env).awaitReady(START);
		JsonNode second = new HttpProbe(port).get("/actuator/info").json().get("installation");
		assertThat(second.get("id")).isEqualTo(first.get("id"));
		assertThat(second.get("starts").asLong()).isEqualTo(first.get("starts").asLong() + 1);
		restarted.kill();

		try (LaunchedServer afterCrash = LaunchedServer.start(port, env).awaitReady(START)) {
			JsonNode third = new HttpProbe(port).get("/actuator/info").json().get("installation");
			assertThat(third.get("id")).isEqualTo(first.get("id"));
			assertThat(third.get("starts").asLong()).isEqualTo(first.get("starts").asLong() + 2);
		}
	}

	@Test
	void aSecondNodeOnTheSameDataFolderIsRefused() throws Exception {
		Map<String, String> env = Map.of("RAMPART_DATA_DIR", temp.resolve("data").toString());
		try (LaunchedServer first = LaunchedServer.start(LaunchedServer.freePort(), env).awaitReady(START)) {
			LaunchedServer second = LaunchedServer.start(LaunchedServer.freePort(), env);

			assertThat(second.awaitExit(START)).isNotZero();
			assertThat(second.stderr()).contains("Rampart could not start: The data folder")
				.contains("is already used by another running Rampart.");
		}
	}

	@Test
	void aPortInUseIsExplainedInOneSentence() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			LaunchedServer server = LaunchedServer.start(taken.getLocalPort(),
					Map.of("RAMPART_DATA_DIR", temp.resolve("data").toString()));

			assertThat(server.awaitExit(START)).isNotZero();
			assertThat(server.stderr()).contains(
					"Rampart could not start: Port " + taken.getLocalPort() + " is already in use by another process.")
				.contains("set RAMPART_PORT to a free port");
		}
	}

	@Test
	void anUnwritableDataFolderIsExplained() throws Exception {
		Path file = Files.writeString(temp.resolve("not-a-folder"), "x");

		LaunchedServer server = LaunchedServer.start(LaunchedServer.freePort(),
				Map.of("RAMPART_DATA_DIR", file.resolve("data").toString()));

		assertThat(server.awaitExit(START)).isNotZero();
		assertThat(server.stderr()).contains("Rampart could not start: The data folder " + file.resolve("data")
				+ " is not writable.");
	}

	@Test
	void aBadConfigurationValueNamesThePropertyAndTheAllowedRange() throws Exception {
		LaunchedServer server = LaunchedServer.start(LaunchedServer.freePort(),
				Map.of("RAMPART_DATA_DIR", temp.resolve("data").toString(), "RAMPART_DB_POOL_SIZE", "0"));

		assertThat(server.awaitExit(START)).isNotZero();
		assertThat(server.stderr()).contains("Rampart could not start: Invalid configuration value:")
			.contains("rampart.db.pool.size = '0' must be between 1 and 500");
	}

	@Test
	void aSettingsRecordThatChecksItselfIsReportedInItsOwnWords() throws Exception {
		LaunchedServer server = LaunchedServer.start(LaunchedServer.freePort(),
				Map.of("RAMPART_DATA_DIR", temp.resolve("data").toString(), "RAMPART_PROVIDERS_RESILIENCE_MAX_ATTEMPTS", "99"));

		assertThat(server.awaitExit(START)).isNotZero();
		assertThat(server.stderr()).contains(
				"Rampart could not start: Invalid configuration value: rampart.providers.resilience.max-attempts must be between "
						+ "1 and 10, not 99.");
	}
}
