package dev.rampart.secrets.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.HttpProbe.Reply;
import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.secrets.Credentials;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credentials API through real HTTP, with verbose logging switched on so that a leak into the
 * log would show: the planted secret must appear in no response, no log line and no database column.
 */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "logging.level.dev.rampart=DEBUG", "logging.level.org.springframework.web=DEBUG",
		"logging.level.org.springframework.jdbc.core=TRACE", "logging.level.org.springframework.transaction=DEBUG",
		"logging.level.org.apache.coyote.http11=DEBUG" })
class CredentialsApiIT {

	/** Log levels are JVM-wide: put them back so later test classes do not log verbosely. */
	@AfterAll
	static void quietLogs() {
		LoggingSystem logging = LoggingSystem.get(CredentialsApiIT.class.getClassLoader());
		for (String logger : List.of("dev.rampart", "org.springframework.web", "org.springframework.jdbc.core",
				"org.springframework.transaction", "org.apache.coyote.http11")) {
			logging.setLogLevel(logger, null);
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Autowired
	Credentials credentials;

	HttpProbe http;

	private final List<String> responses = new ArrayList<>();

	@BeforeEach
	void client() {
		http = HttpProbe.signedIn(port);
	}

	@Test
	void aPlantedSecretNeverAppearsInResponsesLogsOrTheDatabaseInClear(CapturedOutput output) {
		String planted = "sk-planted-" + UUID.randomUUID();
		String replacement = "sk-replaced-" + UUID.randomUUID();

		Reply created = call("POST", "/api/v1/credentials",
				"{\"name\":\"planted\",\"provider\":\"sim\",\"secret\":\"" + planted + "\",\"description\":\"leak test\"}");
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(created.json().get("secretHint").asString()).isEqualTo("••••" + planted.substring(planted.length() - 4));
		call("GET", "/api/v1/credentials", null);
		call("GET", "/api/v1/credentials/" + id, null);
		assertThat(call("POST", "/api/v1/credentials/" + id + "/test", null).json().get("status").asString()).isEqualTo("valid");
		try (SecretValue used = TenantScope.call(TenantId.DEFAULT, () -> credentials.use(TenantId.DEFAULT, UUID.fromString(id)))
			.orElseThrow()) {
			assertThat(used.reveal()).isEqualTo(planted);
		}
		call("POST", "/api/v1/credentials", "{\"name\":\"planted\",\"provider\":\"sim\",\"secret\":\"" + planted + "\"}");
		call("POST", "/api/v1/credentials", "{\"name\":\"x\",\"provider\":\"nope\",\"secret\":\"" + planted + "\"}");
		call("POST", "/api/v1/credentials", "{\"name\":\"x\",\"provider\":\"sim\",\"secret\":\"" + planted + "\",\"extra\":1}");
		call("POST", "/api/v1/credentials", "{\"name\":\"x\",\"provider\":\"sim\",\"secret\":\"" + planted + "\"");
		assertThat(scanDatabase(planted)).isEmpty();

		assertThat(call("PATCH", "/api/v1/credentials/" + id, "{\"secret\":\"" + replacement + "\"}").status()).isEqualTo(200);
		try (SecretValue used = TenantScope.call(TenantId.DEFAULT, () -> credentials.use(TenantId.DEFAULT, UUID.fromString(id)))
			.orElseThrow()) {
			assertThat(used.reveal()).isEqualTo(replacement);
		}
		assertThat(scanDatabase(replacement)).isEmpty();
		assertThat(call("DELETE", "/api/v1/credentials/" + id, null).status()).isEqualTo(204);

		assertThat(responses).isNotEmpty().noneMatch(body -> body.contains(planted) || body.contains(replacement));
		assertThat(output.getAll()).contains("/api/v1/credentials").doesNotContain(planted).doesNotContain(replacement);
	}

	private Reply call(String method, String path, String body) {
		Reply reply = http.json(method, path, body);
		responses.add(reply.body());
		return reply;
	}

	/**
	 * Every text-like and bytea column of every table that contains {@code needle}. Plain JDBC, so the
	 * scan's own parameters do not show up in the captured log.
	 */
	private List<String> scanDatabase(String needle) {
		List<String> hits = new ArrayList<>();
		List<String> tables = new ArrayList<>();
		try (Connection connection = dataSource.getConnection();
				PreparedStatement columns = connection.prepareStatement("""
						select table_schema, table_name, column_name, data_type from information_schema.columns
						where table_schema not in ('pg_catalog', 'information_schema')
						and data_type in ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb')""");
				ResultSet rs = columns.executeQuery()) {
			while (rs.next()) {
				tables.add(rs.getString(2));
				String qualified = "\"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\"";
				String name = "\"" + rs.getString(3) + "\"";
				String condition = "bytea".equals(rs.getString(4)) ? "position(convert_to(?, 'UTF8') in " + name + ") > 0"
						: "strpos(" + name + "::text, ?) > 0";
				try (PreparedStatement probe = connection.prepareStatement("select count(*) from " + qualified + " where " + condition)) {
					probe.setString(1, needle);
					try (ResultSet count = probe.executeQuery()) {
						count.next();
						if (count.getLong(1) > 0) {
							hits.add(qualified + "." + name);
						}
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		assertThat(tables).contains("credentials", "data_keys", "stored_secrets", "event_publication");
		return hits;
	}
}
