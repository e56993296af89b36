package dev.rampart.observability.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Database health, bounded to 5 seconds end to end (connection acquisition included), so a hung
 * database turns readiness DOWN instead of hanging the probe.
 */
@Component("database")
class DatabaseHealthIndicator implements HealthIndicator {

	static final Duration BOUND = Duration.ofSeconds(5);

	private final DataSource dataSource;
	private final Duration bound;

	@Autowired
	DatabaseHealthIndicator(DataSource dataSource) {
		this(dataSource, BOUND);
	}

	DatabaseHealthIndicator(DataSource dataSource, Duration bound) {
		this.dataSource = dataSource;
		this.bound = bound;
	}

	@Override
	public Health health() {
		long started = System.nanoTime();
		// A virtual thread per probe, never joined on timeout: a hung connection cannot hold the probe.
		CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(this::probe,
				task -> Thread.ofVirtual().name("database-health").start(task));
		try {
			boolean ok = probe.get(bound.toMillis(), TimeUnit.MILLISECONDS);
			long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			return (ok ? Health.up() : Health.down()).withDetail("latencyMs", ms).build();
		}
		catch (TimeoutException ex) {
			return Health.down().withDetail("error", "no answer within " + bound.toMillis() + " ms").build();
		}
		catch (ExecutionException ex) {
			return Health.down().withDetail("error", rootCause(ex)).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().withDetail("error", "interrupted").build();
		}
	}

	private boolean probe() {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.setQueryTimeout((int) Math.max(1, bound.toSeconds()));
			return statement.execute("select 1");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String rootCause(ExecutionException ex) {
		Throwable cause = ex.getCause();
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}
}
