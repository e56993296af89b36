package dev.rampart.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.identity.Grant;
import dev.rampart.identity.Role;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A tenant's custom roles in {@code custom_roles}; every query is scoped by tenant. */
final class JdbcCustomRoles {

	private static final String COLUMNS = "id, tenant_id, name, description, grants::text as grants, created_at, updated_at";

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;

	/** A custom role as stored. */
	record CustomRole(UUID id, TenantId tenant, String name, @Nullable String description, List<Grant> grants,
			Instant createdAt, Instant updatedAt) {

		Role role() {
			return new Role(name, grants);
		}
	}

	JdbcCustomRoles(JdbcClient jdbc, TenantTransactions transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** @throws org.springframework.dao.DuplicateKeyException when the tenant has a role of that name */
	CustomRole create(TenantId tenant, String name, @Nullable String description, List<Grant> grants) {
		return transactions.inTenant(tenant, () -> {
			UUID id = UuidV7.next(clock);
			Timestamp now = Timestamp.from(clock.instant());
			jdbc.sql("""
					insert into custom_roles (id, tenant_id, name, description, grants, created_at, updated_at)
					values (:id, :tenant, :name, :description, :grants::jsonb, :now, :now)""")
				.param("id", id).param("tenant", tenant.value()).param("name", name).param("description", description)
				.param("grants", Grants.toJson(grants)).param("now", now)
				.update();
			return find(tenant, id).orElseThrow();
		});
	}

	List<CustomRole> list(TenantId tenant) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select " + COLUMNS + " from custom_roles where tenant_id = :tenant order by name")
			.param("tenant", tenant.value())
			.query(JdbcCustomRoles::role)
			.list());
	}

	Optional<CustomRole> find(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select " + COLUMNS + " from custom_roles where tenant_id = :tenant and id = :id")
			.param("tenant", tenant.value()).param("id", id)
			.query(JdbcCustomRoles::role)
			.optional());
	}

	/** The role under a lock until the transaction ends, so concurrent changes and deletes take turns. */
	Optional<CustomRole> lock(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select " + COLUMNS + " from custom_roles where tenant_id = :tenant and id = :id for update")
			.param("tenant", tenant.value()).param("id", id)
			.query(JdbcCustomRoles::role)
			.optional());
	}

	/**
	 * The role of that name, share-locked until the transaction ends: a member can be given it while a
	 * concurrent delete waits, and is never given a role deleted in the meantime.
	 */
	Optional<CustomRole> findByNameForShare(TenantId tenant, String name) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select " + COLUMNS + " from custom_roles where tenant_id = :tenant and name = :name for share")
			.param("tenant", tenant.value()).param("name", name)
			.query(JdbcCustomRoles::role)
			.optional());
	}

	/** @throws org.springframework.dao.DuplicateKeyException when another role of the tenant has that name */
	CustomRole update(TenantId tenant, UUID id, String name, @Nullable String description, List<Grant> grants) {
		return transactions.inTenant(tenant, () -> {
			jdbc.sql("""
					update custom_roles set name = :name, description = :description, grants = :grants::jsonb, updated_at = :now
					where tenant_id = :tenant and id = :id""")
				.param("name", name).param("description", description).param("grants", Grants.toJson(grants))
				.param("now", Timestamp.from(clock.instant())).param("tenant", tenant.value()).param("id", id)
				.update();
			return find(tenant, id).orElseThrow();
		});
	}

	boolean delete(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> jdbc.sql("delete from custom_roles where tenant_id = :tenant and id = :id")
			.param("tenant", tenant.value()).param("id", id)
			.update() > 0);
	}

	private static CustomRole role(ResultSet rs, int row) throws SQLException {
		return new CustomRole(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getString("name"), rs.getString("description"), Grants.fromJson(rs.getString("grants")),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}
}
