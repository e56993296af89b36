package dev.rampart.tools.internal;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** The end of a call's total time limit, so every blocking step waits at most for what is left of it. */
record Deadline(long endNanos) {

	static Deadline after(Duration limit) {
		return new Deadline(System.nanoTime() + limit.toNanos());
	}

	/** Milliseconds left (at least 1, since 0 means "no timeout" to a socket); throws once the time is up. */
	int remainingMillis() throws SocketTimeoutException {
		long left = endNanos - System.nanoTime();
		if (left <= 0) {
			throw new SocketTimeoutException("total time limit reached");
		}
		return (int) Math.clamp(Duration.ofNanos(left).toMillis(), 1, Integer.MAX_VALUE);
	}
}
