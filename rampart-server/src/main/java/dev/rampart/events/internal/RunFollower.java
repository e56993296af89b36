package dev.rampart.events.internal;

/** Something on this node that follows one run live; called on producers' threads, so it must return at once. */
interface RunFollower {

	/** The run's log grew (up to {@code lastSeq}, or by an unknown amount when it is 0). */
	void advanced(long lastSeq);

	/** Model tokens the run's step streamed. */
	void token(String text);
}
