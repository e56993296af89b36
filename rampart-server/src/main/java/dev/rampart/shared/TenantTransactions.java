package dev.rampart.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.rampart.shared.database.TenantBinding;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction bound as {@link TenantScope} says, for code that is not already in one: row-level
 * security binds transactions only, so a query outside any transaction sees no tenant's rows. Joins
 * the caller's transaction when there is one (and rebinds it for the duration).
 */
public final class TenantTransactions {

	/** Sets a statement's parameters, the first of them at {@code first}. */
	@FunctionalInterface
	public interface Parameters {
		void set(PreparedStatement statement, int first) throws SQLException;
	}

	/** Reads the result of a statement. */
	@FunctionalInterface
	public interface Result<T> {
		T read(ResultSet rs) throws SQLException;
	}

	private final TransactionTemplate transaction;
	private final @Nullable JdbcTemplate jdbc;

	public TenantTransactions(PlatformTransactionManager transactions) {
		this(transactions, transactions instanceof DataSourceTransactionManager manager ? manager.getDataSource() : null);
	}

	public TenantTransactions(PlatformTransactionManager transactions, @Nullable DataSource dataSource) {
		this.transaction = new TransactionTemplate(transactions);
		this.jdbc = dataSource == null ? null : new JdbcTemplate(dataSource);
	}

	public <T> T inTenant(TenantId tenant, Supplier<T> work) {
		return TenantScope.call(tenant, () -> transaction.execute(status -> work.get()));
	}

	public void inTenant(TenantId tenant, Runnable work) {
		TenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> work.run()));
	}

	/**
	 * One query ({@code sql}, a single statement that returns rows: data-modifying CTEs with a final {@code select})
	 * as a transaction of its own bound to {@code tenant}, in one round trip to PostgreSQL where {@link #inTenant} takes
	 * three (the binding, the statement, the commit). For hot paths such as a run's step transitions.
	 *
	 * <p>The binding's {@code set_config} is sent as a statement of its own just ahead of {@code sql}, in the same
	 * message batch: the driver ends the batch with one Sync, and PostgreSQL runs all statements before a Sync as one
	 * implicit transaction that commits at the Sync, or rolls back entirely if any statement fails. So the binding is in
	 * effect for every row {@code sql} reads or writes (row-level security, forced on the tenant tables, reads it), and
	 * it ends with the transaction like any other binding. On a connection that is not in auto-commit mode the same
	 * batch is followed by an explicit commit. Inside an open transaction the statement joins it instead (rebound for
	 * its duration, as {@link #inTenant} does) and commits with it.
	 *
	 * @param parameters sets {@code sql}'s parameters from the index it is given
	 * @param result reads {@code sql}'s rows
	 */
	public <T> T inTenantAtOnce(TenantId tenant, String sql, Parameters parameters, Result<T> result) {
		if (jdbc == null) {
			throw new IllegalStateException("TenantTransactions was made without a DataSource");
		}
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return inTenant(tenant, () -> jdbc.execute((ConnectionCallback<T>) connection -> {
				try (PreparedStatement statement = connection.prepareStatement(sql)) {
					parameters.set(statement, 1);
					try (ResultSet rs = statement.executeQuery()) {
						return result.read(rs);
					}
				}
			}));
		}
		return jdbc.execute((ConnectionCallback<T>) connection -> {
			boolean autoCommit = connection.getAutoCommit();
			try {
				T read = bindAheadAndRun(connection, tenant, sql, parameters, result);
				if (!autoCommit) {
					connection.commit();
				}
				return read;
			}
			catch (SQLException | RuntimeException ex) {
				if (!autoCommit) {
					connection.rollback();
				}
				throw ex;
			}
		});
	}

	private static <T> T bindAheadAndRun(Connection connection, TenantId tenant, String sql, Parameters parameters,
			Result<T> result) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(TenantBinding.BIND_AHEAD + ";\n" + sql)) {
			parameters.set(statement, TenantBinding.bindAhead(statement, tenant));
			statement.execute();
			// the first result is the binding's row; the second is sql's
			if (!statement.getMoreResults()) {
				throw new IncorrectResultSizeDataAccessException("the statement returned no rows: " + sql, 1, 0);
			}
			try (ResultSet rs = statement.getResultSet()) {
				return result.read(rs);
			}
		}
	}

	/** Every tenant's rows, for the stated reason (see {@link TenantScope#system}). */
	public <T> T asSystem(String reason, Supplier<T> work) {
		return TenantScope.system(reason, () -> transaction.execute(status -> work.get()));
	}

	public void asSystem(String reason, Runnable work) {
		TenantScope.system(reason, () -> transaction.executeWithoutResult(status -> work.run()));
	}

	/**
	 * In the caller's transaction or a new one, bound as the context says: the enclosing
	 * {@link TenantScope}, else the signed-in principal's tenant.
	 */
	public <T> T bound(Supplier<T> work) {
		return transaction.execute(status -> work.get());
	}
}
