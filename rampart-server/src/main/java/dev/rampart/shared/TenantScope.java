package dev.rampart.shared;

import java.util.Optional;
import java.util.function.Supplier;

import dev.rampart.shared.database.TenantBinding;

/**
 * Which tenant's rows the database shows to the code inside. Row-level security binds every
 * transaction to a tenant: normally the signed-in principal's; code that acts before sign-in or for
 * another tenant (sign-in itself, the audit chain of the tenant an event belongs to, data keys,
 * background jobs) names it here. {@link #system} sees every tenant and is for the few places that
 * must (looking up an API key by its prefix, key rotation); each call states why.
 *
 * <p>Entered inside a running transaction, the binding changes for the inner code and is restored
 * afterwards. A transaction with no binding at all sees no tenant-owned rows.
 */
public final class TenantScope {

	private static final ScopedValue<Binding> BINDING = ScopedValue.newInstance();

	private TenantScope() {
	}

	/** A tenant, or every tenant for a stated reason. */
	public sealed interface Binding {

		record Tenant(TenantId id) implements Binding {
		}

		record System(String reason) implements Binding {
		}
	}

	public static <T> T call(TenantId tenant, Supplier<T> work) {
		return bound(new Binding.Tenant(tenant), work);
	}

	public static void run(TenantId tenant, Runnable work) {
		bound(new Binding.Tenant(tenant), () -> {
			work.run();
			return null;
		});
	}

	public static <T> T system(String reason, Supplier<T> work) {
		return bound(new Binding.System(reason), work);
	}

	public static void system(String reason, Runnable work) {
		bound(new Binding.System(reason), () -> {
			work.run();
			return null;
		});
	}

	/** The binding named by an enclosing {@code call}, {@code run} or {@code system}, if any. */
	public static Optional<Binding> explicit() {
		return BINDING.isBound() ? Optional.of(BINDING.get()) : Optional.empty();
	}

	private static <T> T bound(Binding binding, Supplier<T> work) {
		return ScopedValue.where(BINDING, binding).call(() -> TenantBinding.rebindingOpenTransaction(binding, work));
	}
}
