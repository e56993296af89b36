package dev.rampart.executions.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * In-process signals to this node's workers: a run was enqueued (claim now rather than at the next poll) or a cancel was
 * asked. Raised after the enqueueing transaction commits here, and by {@link QueueNotifications} for other nodes'.
 */
@Component
class RunSignals {

	/** What the workers do on a signal. */
	interface Receiver {

		void wake();

		void cancel(UUID runId);
	}

	private volatile @Nullable Receiver receiver;

	void receiveWith(@Nullable Receiver receiver) {
		this.receiver = receiver;
	}

	void wake() {
		Receiver current = receiver;
		if (current != null) {
			current.wake();
		}
	}

	void cancel(UUID runId) {
		Receiver current = receiver;
		if (current != null) {
			current.cancel(runId);
		}
	}
}
