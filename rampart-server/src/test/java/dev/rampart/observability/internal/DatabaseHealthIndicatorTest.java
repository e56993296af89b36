package dev.rampart.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class DatabaseHealthIndicatorTest {

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void releaseHungConnections() {
		release.countDown();
	}

	@Test
	void aDatabaseThatNeverAnswersIsReportedDownWithinTheBound() {
		DataSource hanging = dataSource(() -> {
			release.await();
			throw new SQLTransientConnectionException("released");
		});

		Health health = new DatabaseHealthIndicator(hanging, Duration.ofMillis(200)).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("error")).isEqualTo("no answer within 200 ms");
	}

	@Test
	void aRefusedConnectionIsReportedDownWithItsKind() {
		DataSource refusing = dataSource(() -> {
			throw new SQLTransientConnectionException("connection refused");
		});

		Health health = new DatabaseHealthIndicator(refusing, Duration.ofSeconds(5)).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("error")).isEqualTo("SQLTransientConnectionException");
	}

	interface ConnectionAttempt {

		Object attempt() throws InterruptedException, SQLException;
	}

	/** A stub DataSource whose getConnection does what the test says; every other method is unused. */
	private static DataSource dataSource(ConnectionAttempt onGetConnection) {
		return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] { DataSource.class },
				(proxy, method, args) -> {
					if (method.getName().equals("getConnection")) {
						return onGetConnection.attempt();
					}
					throw new UnsupportedOperationException(method.getName());
				});
	}
}
