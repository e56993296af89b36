package dev.rampart.executions.internal;

/**
 * A write carried a fencing token that is no longer the run's: another node claimed the run after this node's lease
 * lapsed. The worker must abandon the run without writing anything more; the new holder finishes it.
 */
public class StaleFenceException extends RuntimeException {

	public StaleFenceException(Fence fence) {
		super("run " + fence.runId() + ": fencing token " + fence.token() + " is stale");
	}
}
