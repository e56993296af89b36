package dev.rampart.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;

class DatabaseConfigurationTest {

	@Test
	void theGuidelinesPoolIsTwentyConnectionsPlusThirtyUnderBurst() {
		DatabaseProperties.Pool pool = new DatabaseProperties.Pool(20, 30, Duration.ofSeconds(30), Duration.ofHours(1),
				Duration.ofSeconds(5), Duration.ZERO);

		HikariConfig config = DatabaseConfiguration.hikariConfig(
				new DatabaseConfiguration.DatabaseEndpoint("jdbc:postgresql://localhost/x", "owner", null, "app", null, null), pool);

		assertThat(config.getUsername()).as("the pool connects as the application role, not the owner").isEqualTo("app");
		assertThat(config.getMinimumIdle()).isEqualTo(20);
		assertThat(config.getMaximumPoolSize()).isEqualTo(50);
		assertThat(config.getConnectionTimeout()).isEqualTo(30_000);
		assertThat(config.getMaxLifetime()).isEqualTo(3_600_000);
		assertThat(config.getValidationTimeout()).isEqualTo(5_000);
		assertThat(config.getKeepaliveTime()).isLessThan(config.getMaxLifetime());
	}

	@Test
	void keepaliveStaysBelowAShortMaxLifetime() {
		DatabaseProperties.Pool pool = new DatabaseProperties.Pool(2, 0, Duration.ofSeconds(1), Duration.ofSeconds(30),
				Duration.ofSeconds(1), Duration.ZERO);

		HikariConfig config = DatabaseConfiguration.hikariConfig(
				new DatabaseConfiguration.DatabaseEndpoint("jdbc:postgresql://localhost/x", "owner", null, "app", null, null), pool);

		assertThat(config.getKeepaliveTime()).isEqualTo(15_000);
	}
}
