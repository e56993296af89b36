package dev.rampart.shared;

import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;

import io.micrometer.context.ContextSnapshotFactory;

/**
 * Virtual threads that carry the starting thread's trace context (its current observation, hence its span), so work a
 * step fans out (memory recall, tool calls, parallel branches) shows in the trace under the span that started it rather
 * than as a trace of its own. The context is captured when the thread is created, on the creating thread.
 */
public final class TracedThreads {

	private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

	private TracedThreads() {
	}

	/** Like {@code Thread.ofVirtual().name(prefix, 0).factory()}, each thread carrying its creator's trace context. */
	public static ThreadFactory virtual(String prefix) {
		ThreadFactory threads = Thread.ofVirtual().name(prefix, 0).factory();
		return task -> threads.newThread(SNAPSHOTS.captureAll().wrap(task));
	}

	/** {@code task}, run with the caller's trace context wherever it runs. */
	public static Runnable carry(Runnable task) {
		return SNAPSHOTS.captureAll().wrap(task);
	}

	/** {@code task}, run with the caller's trace context wherever it runs. */
	public static <T> Callable<T> carry(Callable<T> task) {
		return SNAPSHOTS.captureAll().wrap(task);
	}
}
