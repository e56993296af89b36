package dev.rampart.observability.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import dev.rampart.shared.UuidV7;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The identity of this installation: created with the database, kept across restarts, and shown
 * under {@code /actuator/info} so an operator can tell which database a node is attached to.
 */
@Component
class Installation implements InfoContributor {

	private final JdbcClient jdbc;
	private final Clock clock;

	Installation(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@EventListener
	void recordStart(ApplicationStartedEvent event) {
		jdbc.sql("""
				insert into installation (id) values (:id)
				on conflict (singleton) do update
				set last_started_at = now(), starts = installation.starts + 1
				""").param("id", UuidV7.next(clock)).update();
	}

	@Override
	public void contribute(Info.Builder builder) {
		jdbc.sql("select id, created_at, last_started_at, starts from installation")
			.query((rs, row) -> new Row(rs.getObject("id", UUID.class), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("last_started_at").toInstant(), rs.getLong("starts")))
			.optional()
			.ifPresent(row -> builder.withDetail("installation", row));
	}

	record Row(UUID id, Instant createdAt, Instant lastStartedAt, long starts) {
	}
}
