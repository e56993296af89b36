package dev.rampart.shared.database;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.DirectConnections;
import dev.rampart.shared.RampartProperties;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.startup.StartupProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The one connection pool of a node, on the configured PostgreSQL or on the embedded one. Two roles
 * are involved: the owner of the tables runs the migrations; the pool connects as the application
 * role, which owns nothing and is no superuser, so the row-level security policies bind it.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean(destroyMethod = "close")
	DatabaseEndpoint databaseEndpoint(DatabaseProperties properties, RampartProperties rampart) {
		if (!properties.embedded()) {
			if (properties.appUser() == null || properties.appUser().isBlank()) {
				throw new StartupProblem("RAMPART_DB_APP_USER is not set: with an external database Rampart needs a role of its own "
						+ "that does not own the tables, so that row-level security applies to it.",
						"Create one (create role rampart_app login password '...';), then set RAMPART_DB_APP_USER and "
								+ "RAMPART_DB_APP_PASSWORD; RAMPART_DB_USER stays the owner that runs the migrations (docs/database.md).");
			}
			if (properties.appUser().equals(properties.user())) {
				throw new StartupProblem("RAMPART_DB_APP_USER is the same role as RAMPART_DB_USER, the owner of the tables, "
						+ "so row-level security would not isolate tenants.",
						"Create a separate role (create role rampart_app login password '...';) and set RAMPART_DB_APP_USER and "
								+ "RAMPART_DB_APP_PASSWORD to it (docs/database.md).");
			}
			return new DatabaseEndpoint(properties.url(), properties.user(), properties.password(), properties.appUser(),
					properties.appPassword(), null);
		}
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(rampart.dataDir(), properties.embeddedRuntimeDir(),
				Duration.ofSeconds(60));
		try {
			server.ensureLoginRole(DatabaseProperties.EMBEDDED_APP_USER);
		}
		catch (RuntimeException ex) {
			closeQuietly(server, ex);
			throw ex;
		}
		return new DatabaseEndpoint(server.jdbcUrl(), server.user(), null, DatabaseProperties.EMBEDDED_APP_USER, null, server);
	}

	@Bean(destroyMethod = "close")
	@Primary
	HikariDataSource dataSource(DatabaseEndpoint endpoint, DatabaseProperties properties) {
		return new HikariDataSource(hikariConfig(endpoint, properties.pool()));
	}

	/** Migrations run as the owner of the tables; {@code ${appRole}} in them names the application role. */
	@Bean
	FlywayConfigurationCustomizer migrationsRunAsOwner(DatabaseEndpoint endpoint) {
		return configuration -> configuration.dataSource(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword())
			.placeholders(Map.of("appRole", endpoint.appUser()));
	}

	/** Every transaction starts bound to a tenant (see {@link dev.rampart.shared.TenantScope}). */
	@Bean
	TenantBinding.TransactionManager transactionManager(HikariDataSource dataSource, ObjectProvider<CurrentTenant> currentTenant) {
		return new TenantBinding.TransactionManager(dataSource,
				() -> currentTenant.getIfAvailable() == null ? Optional.empty() : currentTenant.getObject().find());
	}

	@Bean
	TenantTransactions tenantTransactions(TenantBinding.TransactionManager transactions, HikariDataSource dataSource) {
		return new TenantTransactions(transactions, dataSource);
	}

	/** The pool's database and credentials, one connection at a time, for the node's listeners. */
	@Bean
	DirectConnections directConnections(DatabaseEndpoint endpoint) {
		return () -> {
			Properties properties = new Properties();
			properties.setProperty("user", endpoint.appUser());
			if (endpoint.appPassword() != null) {
				properties.setProperty("password", endpoint.appPassword());
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
		config.setUsername(endpoint.appUser());
		config.setPassword(endpoint.appPassword());
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

	private static void closeQuietly(EmbeddedPostgresServer server, RuntimeException cause) {
		try {
			server.close();
		}
		catch (Exception ex) {
			cause.addSuppressed(ex);
		}
	}

	/**
	 * Where the pool connects and as whom; owns the embedded server, if any, and stops it after the
	 * pool.
	 */
	record DatabaseEndpoint(@Nullable String jdbcUrl, @Nullable String ownerUser, @Nullable String ownerPassword,
			String appUser, @Nullable String appPassword, @Nullable EmbeddedPostgresServer embedded) implements AutoCloseable {

		@Override
		public void close() throws Exception {
			if (embedded != null) {
				embedded.close();
			}
		}

		@Override
		public String toString() {
			return "DatabaseEndpoint[" + jdbcUrl + ", owner " + ownerUser + ", app " + appUser + "]";
		}
	}
}
