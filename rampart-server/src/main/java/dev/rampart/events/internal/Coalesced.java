package dev.rampart.events.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Work that signals ask for and one thread at a time does (a run's tail, a subscriber's feed): a signal only marks the
 * work wanted and, when no pass is running, starts one on the executor; a pass asked for again meanwhile runs again.
 * So signals never block or wait, passes never overlap, and nothing asked for is missed.
 */
final class Coalesced {

	private final Executor executor;
	private final BooleanSupplier pass;
	private final Consumer<RuntimeException> failed;
	private final AtomicBoolean scheduled = new AtomicBoolean();
	private volatile boolean again;

	/**
	 * @param pass one pass of the work; answers false when its owner closed, after which it never runs again
	 * @param failed told when a pass throws; later signals start passes again
	 */
	Coalesced(Executor executor, BooleanSupplier pass, Consumer<RuntimeException> failed) {
		this.executor = executor;
		this.pass = pass;
		this.failed = failed;
	}

	/** Asks for a pass; returns at once. */
	void wake() {
		again = true;
		if (scheduled.compareAndSet(false, true)) {
			executor.execute(this::passes);
		}
	}

	private void passes() {
		try {
			for (;;) {
				again = false;
				if (!pass.getAsBoolean()) {
					return; // stays scheduled: closed for good
				}
				if (again) {
					continue;
				}
				scheduled.set(false);
				if (!again || !scheduled.compareAndSet(false, true)) {
					return;
				}
			}
		}
		catch (RuntimeException ex) {
			scheduled.set(false);
			failed.accept(ex);
		}
	}
}
