package dev.rampart.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.ServerTest;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantScope;
import dev.rampart.shared.TenantTransactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Row-level security against the real PostgreSQL: the application role sees the rows of the tenant
 * its transaction is bound to and nothing else, whatever its SQL says.
 */
@ServerTest
class RowLevelSecurityIT {

	private final JdbcClient jdbc;
	private final JdbcClient owner;
	private final TenantTransactions transactions;
	private final TransactionTemplate unbound;

	private TenantId a;
	private TenantId b;

	@Autowired
	RowLevelSecurityIT(JdbcClient jdbc, DataSource dataSource, TenantTransactions transactions,
			PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.owner = DatabaseOwner.jdbc(dataSource);
		this.transactions = transactions;
		this.unbound = new TransactionTemplate(transactionManager);
	}

	@BeforeEach
	void twoTenantsWithTwoKeysEach() {
		a = new TenantId(UUID.randomUUID());
		b = new TenantId(UUID.randomUUID());
		for (TenantId tenant : List.of(a, b, a, b)) {
			owner.sql("""
					insert into api_keys (id, tenant_id, prefix, secret_hash, name, created_by, permissions, created_at)
					values (:id, :tenant, :prefix, '\\x00', 'k', 'test', '{}', :now)""")
				.param("id", UUID.randomUUID()).param("tenant", tenant.value())
				.param("prefix", "rpk_" + UUID.randomUUID().toString().substring(0, 8))
				.param("now", Timestamp.from(Instant.now()))
				.update();
		}
	}

	@Test
	void everyTableWithATenantColumnHasForcedRowLevelSecurityAndAPolicy() {
		List<String> unprotected = owner.sql("""
				select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = current_schema() and c.relkind = 'r'
				and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
				and not (c.relrowsecurity and c.relforcerowsecurity
					and exists (select 1 from pg_policy p where p.polrelid = c.oid))""")
			.query(String.class)
			.list();
		long protectedTables = owner.sql("""
				select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = current_schema() and c.relrowsecurity and c.relforcerowsecurity""")
			.query(Long.class)
			.single();

		assertThat(unprotected).isEmpty();
		assertThat(protectedTables).isGreaterThanOrEqualTo(7);
	}

	@Test
	void theApplicationConnectsAsARoleThatIsNeitherOwnerNorSuperuser() {
		record Role(String name, boolean superuser, boolean bypassesRls, long owned) {
		}
		Role role = jdbc.sql("""
				select r.rolname, r.rolsuper, r.rolbypassrls,
					(select count(*) from pg_tables t where t.tableowner = r.rolname)
				from pg_roles r where r.rolname = current_user""")
			.query((rs, n) -> new Role(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getLong(4)))
			.single();

		assertThat(role).isEqualTo(new Role(DatabaseProperties.EMBEDDED_APP_USER, false, false, 0));
	}

	@Test
	void aQueryWithNoTenantPredicateSeesOnlyTheBoundTenantsRows() {
		List<TenantId> seenByA = transactions.inTenant(a, this::tenantsOfAllKeys);
		List<TenantId> seenByB = transactions.inTenant(b, this::tenantsOfAllKeys);

		assertThat(seenByA).hasSize(2).containsOnly(a);
		assertThat(seenByB).hasSize(2).containsOnly(b);
	}

	@Test
	void aForgottenBindingSeesNothing() {
		Long inAnUnboundTransaction = unbound.execute(status -> jdbc.sql("select count(*) from api_keys").query(Long.class).single());
		long outsideAnyTransaction = jdbc.sql("select count(*) from api_keys").query(Long.class).single();
		int updatedUnbound = jdbc.sql("update api_keys set name = 'hijacked'").update();

		assertThat(inAnUnboundTransaction).isZero();
		assertThat(outsideAnyTransaction).isZero();
		assertThat(updatedUnbound).isZero();
		assertThat(owner.sql("select count(*) from api_keys where name = 'hijacked'").query(Long.class).single()).isZero();
	}

	@Test
	void aTransactionBoundToOneTenantCannotWriteOrChangeAnothersRows() {
		assertThatThrownBy(() -> transactions.inTenant(a, () -> jdbc.sql("""
				insert into api_keys (id, tenant_id, prefix, secret_hash, name, created_by, permissions, created_at)
				values (gen_random_uuid(), :other, 'rpk_planted', '\\x00', 'k', 'test', '{}', now())""")
			.param("other", b.value())
			.update()))
			.rootCause().hasMessageContaining("row-level security");

		assertThatThrownBy(() -> transactions.inTenant(a, () -> jdbc.sql("update api_keys set tenant_id = :other")
			.param("other", b.value())
			.update()))
			.rootCause().hasMessageContaining("row-level security");
		int renamedOthers = transactions.inTenant(a, () -> jdbc.sql("update api_keys set name = 'renamed' where tenant_id = :other")
			.param("other", b.value())
			.update());
		assertThat(renamedOthers).isZero();
	}

	@Test
	void aScopeEnteredInsideATransactionRebindsItAndRestoresTheOuterBindingAfterwards() {
		List<List<TenantId>> seen = transactions.inTenant(a, () -> List.of(tenantsOfAllKeys(),
				TenantScope.call(b, this::tenantsOfAllKeys), tenantsOfAllKeys()));

		assertThat(seen.get(0)).containsOnly(a);
		assertThat(seen.get(1)).hasSize(2).containsOnly(b);
		assertThat(seen.get(2)).hasSize(2).containsOnly(a);
	}

	@Test
	void theSystemScopeSeesEveryTenant() {
		List<TenantId> seen = transactions.asSystem("this test compares every tenant", this::tenantsOfAllKeys);

		assertThat(seen).contains(a, b);
	}

	private List<TenantId> tenantsOfAllKeys() {
		return jdbc.sql("select tenant_id from api_keys").query((rs, n) -> new TenantId(rs.getObject(1, UUID.class))).list();
	}
}
