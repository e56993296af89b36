package dev.rampart.shared.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantScope;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Binds each transaction to a tenant with {@code set_config(..., true)} (the same as
 * {@code SET LOCAL}): the setting ends with the transaction, so it stays right behind a pooler in
 * transaction mode. The policies read it through {@code rampart_tenant()} and
 * {@code rampart_system()} (migration {@code row_level_security}).
 */
public final class TenantBinding {

	private static final Logger log = LoggerFactory.getLogger(TenantBinding.class);

	static final String APPLY = "select set_config('rampart.tenant_id', ?, true), set_config('rampart.scope', ?, true)";

	/**
	 * The binding of {@code tenant} as a statement to send ahead of the caller's own in the same round trip (see
	 * {@code TenantTransactions.inTenantAtOnce}); {@link #bindAhead} sets its parameters.
	 */
	public static final String BIND_AHEAD = APPLY;

	// offset 0 keeps the subquery from being flattened, so the old values are read before the new ones are set.
	private static final String SWAP = """
			select old.tenant, old.scope, set_config('rampart.tenant_id', ?, true), set_config('rampart.scope', ?, true)
			from (select current_setting('rampart.tenant_id', true) as tenant, current_setting('rampart.scope', true) as scope
				offset 0) old""";

	private TenantBinding() {
	}

	/**
	 * Runs {@code work} under {@code binding}; when a transaction is already open on this thread its
	 * connection is rebound for the duration and restored afterwards.
	 */
	public static <T> T rebindingOpenTransaction(TenantScope.Binding binding, Supplier<T> work) {
		Connection connection = openTransactionConnection();
		if (connection == null) {
			return work.get();
		}
		String[] previous = swap(connection, tenantValue(binding), scopeValue(binding));
		try {
			return work.get();
		}
		finally {
			restore(connection, previous);
		}
	}

	private static @Nullable Connection openTransactionConnection() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			return null;
		}
		for (Object resource : TransactionSynchronizationManager.getResourceMap().values()) {
			if (resource instanceof ConnectionHolder holder && holder.isSynchronizedWithTransaction()) {
				return holder.getConnection();
			}
		}
		return null;
	}

	private static String[] swap(Connection connection, String tenant, String scope) {
		try (PreparedStatement statement = connection.prepareStatement(SWAP)) {
			statement.setString(1, tenant);
			statement.setString(2, scope);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return new String[] { nullToEmpty(rs.getString(1)), nullToEmpty(rs.getString(2)) };
			}
		}
		catch (SQLException ex) {
			throw new CannotCreateTransactionException("Could not bind the open transaction to a tenant", ex);
		}
	}

	private static void restore(Connection connection, String[] previous) {
		try {
			apply(connection, previous[0], previous[1]);
		}
		catch (SQLException ex) {
			// An aborted transaction refuses every statement; it rolls back, and its binding with it.
			log.debug("Could not restore the tenant binding of an aborted transaction", ex);
		}
	}

	static void apply(Connection connection, String tenant, String scope) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(APPLY)) {
			statement.setString(1, tenant);
			statement.setString(2, scope);
			statement.execute();
		}
	}

	/**
	 * Sets the two parameters of {@link #BIND_AHEAD} for {@code tenant}; the caller's own parameters start at the index
	 * returned.
	 */
	public static int bindAhead(PreparedStatement statement, TenantId tenant) throws SQLException {
		statement.setString(1, tenant.toString());
		statement.setString(2, "");
		return 3;
	}

	static String tenantValue(TenantScope.@Nullable Binding binding) {
		return binding instanceof TenantScope.Binding.Tenant(TenantId id) ? id.toString() : "";
	}

	static String scopeValue(TenantScope.@Nullable Binding binding) {
		return binding instanceof TenantScope.Binding.System ? "system" : "";
	}

	private static String nullToEmpty(@Nullable String value) {
		return value == null ? "" : value;
	}

	/**
	 * Starts every transaction bound: to the enclosing {@link TenantScope} if there is one, otherwise
	 * to the signed-in principal's tenant, otherwise to nothing (and then it sees no tenant's rows).
	 */
	public static final class TransactionManager extends JdbcTransactionManager {

		private final transient Supplier<Optional<TenantId>> principalTenant;

		TransactionManager(DataSource dataSource, Supplier<Optional<TenantId>> principalTenant) {
			super(dataSource);
			this.principalTenant = principalTenant;
		}

		@Override
		protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
				throws SQLException {
			super.prepareTransactionalConnection(connection, definition);
			TenantScope.Binding binding = TenantScope.explicit()
				.or(() -> principalTenant.get().map(TenantScope.Binding.Tenant::new))
				.orElse(null);
			apply(connection, tenantValue(binding), scopeValue(binding));
		}
	}
}
