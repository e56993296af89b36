package dev.rampart.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import dev.rampart.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tenants in the {@code tenants} table; the tenant named {@code default} has the id {@link TenantId#DEFAULT}. */
final class JdbcTenants {

	private final JdbcClient jdbc;
	private final Clock clock;

	JdbcTenants(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Creates the tenant unless one with this id exists; true when it was created. */
	boolean create(TenantId id, String name) {
		return jdbc.sql("insert into tenants (id, name, created_at) values (:id, :name, :now) on conflict do nothing")
			.param("id", id.value()).param("name", name).param("now", Timestamp.from(clock.instant()))
			.update() > 0;
	}

	Optional<TenantId> findByName(String name) {
		return jdbc.sql("select id from tenants where name = :name").param("name", name)
			.query((rs, n) -> new TenantId(rs.getObject(1, java.util.UUID.class)))
			.optional();
	}
}
