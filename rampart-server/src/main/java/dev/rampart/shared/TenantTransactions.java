package dev.rampart.shared;

import java.util.function.Supplier;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction bound as {@link TenantScope} says, for code that is not already in one: row-level
 * security binds transactions only, so a query outside any transaction sees no tenant's rows. Joins
 * the caller's transaction when there is one (and rebinds it for the duration).
 */
public final class TenantTransactions {

	private final TransactionTemplate transaction;

	public TenantTransactions(PlatformTransactionManager transactions) {
		this.transaction = new TransactionTemplate(transactions);
	}

	public <T> T inTenant(TenantId tenant, Supplier<T> work) {
		return TenantScope.call(tenant, () -> transaction.execute(status -> work.get()));
	}

	public void inTenant(TenantId tenant, Runnable work) {
		TenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> work.run()));
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
