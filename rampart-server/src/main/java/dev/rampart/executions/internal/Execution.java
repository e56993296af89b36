package dev.rampart.executions.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.rampart.agents.StepListener;

/**
 * A run in flight on this node, as the heartbeat and a cancel see it. {@code lost} means the lease is gone (another
 * node holds the run, or this node is stopping): the executor stops and writes nothing more. A cancel or a loss runs the
 * hooks of the calls in flight ({@link #onCancel}), so a model stream or a tool call stops at once rather than at its end.
 */
final class Execution {

	private final Fence fence;
	private final Set<Hook> hooks = ConcurrentHashMap.newKeySet();
	private volatile boolean cancelRequested;
	private volatile boolean lost;

	/** One registration, by identity, so the same action may be registered twice. */
	private static final class Hook {

		private final Runnable stop;

		Hook(Runnable stop) {
			this.stop = stop;
		}
	}

	Execution(Fence fence) {
		this.fence = fence;
	}

	Fence fence() {
		return fence;
	}

	void requestCancel() {
		cancelRequested = true;
		stopInFlight();
	}

	boolean cancelRequested() {
		return cancelRequested;
	}

	void lose() {
		lost = true;
		stopInFlight();
	}

	boolean lost() {
		return lost;
	}

	/** Whether the step should stop: a cancel was asked or the lease is gone. */
	boolean stopping() {
		return cancelRequested || lost;
	}

	/**
	 * Registers what stops a call in flight; it runs once when a cancel or a loss arrives (at once when one already
	 * has), until the registration is closed. Hooks must be quick (they interrupt a thread).
	 */
	StepListener.Registration onCancel(Runnable stop) {
		Hook hook = new Hook(stop);
		hooks.add(hook);
		if (stopping() && hooks.remove(hook)) {
			stop.run();
		}
		return () -> hooks.remove(hook);
	}

	private void stopInFlight() {
		for (Hook hook : hooks) {
			if (hooks.remove(hook)) {
				hook.stop.run();
			}
		}
	}
}
