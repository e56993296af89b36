package dev.rampart.providers.spi;

import dev.rampart.shared.RampartException;

/**
 * Receives a streamed reply: deltas in order, then exactly one of {@link #end} or {@link #fail}. Called from
 * one thread at a time. An interceptor's sink passes (possibly transformed) calls on to the sink it wraps,
 * and must pass on {@code end} or {@code fail} exactly once.
 */
public interface StreamSink {

	/** A piece of answer text; never empty. */
	void delta(String text);

	/** The stream ended normally. Text an interceptor held back goes out as deltas before this. */
	void end(StreamEnd end);

	/**
	 * The stream broke (provider error, timeout). Text held back must be dropped, not flushed: it may be
	 * the start of a secret that never completed.
	 */
	void fail(RampartException failure);
}
