package dev.rampart.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServerTest
class EmbeddedPostgresIT {

	@Autowired
	JdbcClient jdbc;

	@Test
	void theEmbeddedDatabaseIsPostgres18() {
		assertThat(jdbc.sql("show server_version").query(String.class).single()).startsWith("18.");
	}

	@Test
	void anAcknowledgedCommitIsDurable() {
		assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
		assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
		assertThat(jdbc.sql("show full_page_writes").query(String.class).single()).isEqualTo("on");
	}

	@Test
	void itListensOnLoopbackOnly() {
		assertThat(jdbc.sql("show listen_addresses").query(String.class).single()).isEqualTo("127.0.0.1");
	}
}
