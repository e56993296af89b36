package dev.rampart.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tenants in the {@code tenants} table; the tenant named {@code default} has the id {@link TenantId#DEFAULT}. */
final class JdbcTenants {

	private static final String COUNTING = "platform admins see every tenant's member count";

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;

	JdbcTenants(JdbcClient jdbc, TenantTransactions transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Creates the tenant unless one with this id exists; true when it was created. */
	boolean create(TenantId id, String name) {
		return jdbc.sql("insert into tenants (id, name, created_at) values (:id, :name, :now) on conflict do nothing")
			.param("id", id.value()).param("name", name).param("now", Timestamp.from(clock.instant()))
			.update() > 0;
	}

	/** A tenant and how many members it has. */
	record Tenant(TenantId id, String name, Instant createdAt, int members) {
	}

	List<Tenant> list() {
		return transactions.asSystem(COUNTING, () -> jdbc.sql("""
				select t.id, t.name, t.created_at, (select count(*) from memberships m where m.tenant_id = t.id) as members
				from tenants t order by t.created_at, t.name""")
			.query(JdbcTenants::tenant)
			.list());
	}

	Optional<Tenant> find(TenantId id) {
		return transactions.asSystem(COUNTING, () -> jdbc.sql("""
				select t.id, t.name, t.created_at, (select count(*) from memberships m where m.tenant_id = t.id) as members
				from tenants t where t.id = :id""")
			.param("id", id.value())
			.query(JdbcTenants::tenant)
			.optional());
	}

	/**
	 * Locks the tenant's row until the transaction ends: changes to its memberships take turns, so two
	 * owners demoting each other at once cannot leave the tenant without one.
	 */
	void lock(TenantId id) {
		jdbc.sql("select id from tenants where id = :id for update").param("id", id.value()).query(UUID.class).optional();
	}

	Optional<TenantId> findByName(String name) {
		return jdbc.sql("select id from tenants where name = :name").param("name", name)
			.query((rs, n) -> new TenantId(rs.getObject(1, UUID.class)))
			.optional();
	}

	private static Tenant tenant(ResultSet rs, int row) throws SQLException {
		return new Tenant(new TenantId(rs.getObject("id", UUID.class)), rs.getString("name"),
				rs.getTimestamp("created_at").toInstant(), rs.getInt("members"));
	}
}
