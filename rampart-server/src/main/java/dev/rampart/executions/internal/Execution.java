package dev.rampart.executions.internal;

/**
 * A run in flight on this node, as the heartbeat and a cancel see it. {@code lost} means the lease is gone (another
 * node holds the run, or this node is stopping): the executor stops and writes nothing more.
 */
final class Execution {

	private final Fence fence;
	private volatile boolean cancelRequested;
	private volatile boolean lost;

	Execution(Fence fence) {
		this.fence = fence;
	}

	Fence fence() {
		return fence;
	}

	void requestCancel() {
		cancelRequested = true;
	}

	boolean cancelRequested() {
		return cancelRequested;
	}

	void lose() {
		lost = true;
	}

	boolean lost() {
		return lost;
	}
}
