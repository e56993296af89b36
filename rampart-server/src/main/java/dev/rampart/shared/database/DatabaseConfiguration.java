package dev.rampart.shared.database;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rampart.shared.DirectConnections;
import dev.rampart.shared.RampartProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one connection pool of a node, on the configured PostgreSQL or on the embedded one.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean(destroyMethod = "close")
	DatabaseEndpoint databaseEndpoint(DatabaseProperties properties, RampartProperties rampart) {
		if (!properties.embedded()) {
			return new DatabaseEndpoint(properties.url(), properties.user(), properties.password(), null);
		}
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(rampart.dataDir(), properties.embeddedRuntimeDir(),
				Duration.ofSeconds(60));
		return new DatabaseEndpoint(server.jdbcUrl(), server.user(), null, server);
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(DatabaseEndpoint endpoint, DatabaseProperties properties) {
		return new HikariDataSource(hikariConfig(endpoint, properties.pool()));
	}

	/** The pool's database and credentials, one connection at a time, for the node's listeners. */
	@Bean
	DirectConnections directConnections(DatabaseEndpoint endpoint) {
		return () -> {
			Properties properties = new Properties();
			if (endpoint.user() != null) {
				properties.setProperty("user", endpoint.user());
			}
			if (endpoint.password() != null) {
				properties.setProperty("password", endpoint.password());
			}
			properties.setProperty("tcpKeepAlive", "true");
			properties.setProperty("ApplicationName", "rampart (direct)");
			return DriverManager.getConnection(endpoint.jdbcUrl(), properties);
		};
	}

	static HikariConfig hikariConfig(DatabaseEndpoint endpoint, DatabaseProperties.Pool pool) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("rampart");
		config.setJdbcUrl(endpoint.jdbcUrl());
		config.setUsername(endpoint.user());
		config.setPassword(endpoint.password());
		config.setMinimumIdle(pool.size());
		config.setMaximumPoolSize(pool.size() + pool.maxOverflow());
		config.setConnectionTimeout(pool.acquisitionTimeout().toMillis());
		config.setMaxLifetime(pool.maxLifetime().toMillis());
		config.setValidationTimeout(pool.validationTimeout().toMillis());
		config.setKeepaliveTime(Math.min(Duration.ofMinutes(5).toMillis(), pool.maxLifetime().toMillis() / 2));
		config.setLeakDetectionThreshold(pool.leakDetectionThreshold().toMillis());
		// Fail start-up fast and clearly when the database cannot be reached at all.
		config.setInitializationFailTimeout(pool.acquisitionTimeout().toMillis());
		return config;
	}

	/** Where the pool connects; owns the embedded server, if any, and stops it after the pool. */
	record DatabaseEndpoint(@Nullable String jdbcUrl, @Nullable String user, @Nullable String password,
			@Nullable EmbeddedPostgresServer embedded) implements AutoCloseable {

		@Override
		public void close() throws Exception {
			if (embedded != null) {
				embedded.close();
			}
		}
	}
}
