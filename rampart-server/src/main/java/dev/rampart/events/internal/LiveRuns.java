package dev.rampart.events.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This node's followers by run (the hub of docs/live-events.md): signals about a run, whichever node they came from, go
 * to the followers of exactly that tenant's run. Signals carry no events, so a follower reads what it has not yet
 * delivered from the log; a signal for a run nobody here follows costs a map lookup.
 */
@Component
class LiveRuns {

	private static final Logger log = LoggerFactory.getLogger(LiveRuns.class);

	private final Map<RunKey, Set<RunFollower>> followers = new ConcurrentHashMap<>();
	private final AtomicInteger count = new AtomicInteger();

	/** Starts signalling {@code follower} about {@code run}; close the answer to stop. */
	AutoCloseable follow(RunKey run, RunFollower follower) {
		followers.computeIfAbsent(run, key -> ConcurrentHashMap.newKeySet()).add(follower);
		count.incrementAndGet();
		return () -> unfollow(run, follower);
	}

	private void unfollow(RunKey run, RunFollower follower) {
		followers.computeIfPresent(run, (key, set) -> {
			if (set.remove(follower)) {
				count.decrementAndGet();
			}
			return set.isEmpty() ? null : set;
		});
	}

	void advanced(RunKey run, long lastSeq) {
		Set<RunFollower> set = followers.get(run);
		if (set != null) {
			for (RunFollower follower : set) {
				try {
					follower.advanced(lastSeq);
				}
				catch (RuntimeException ex) {
					log.warn("A live follower of run {} failed to take a signal", run.run(), ex);
				}
			}
		}
	}

	void token(RunKey run, String text) {
		Set<RunFollower> set = followers.get(run);
		if (set != null) {
			for (RunFollower follower : set) {
				try {
					follower.token(text);
				}
				catch (RuntimeException ex) {
					log.warn("A live follower of run {} failed to take tokens", run.run(), ex);
				}
			}
		}
	}

	/** Every follower re-reads its log: signals may have been missed (the fan-out was not listening for a while). */
	void advancedAll() {
		followers.forEach((run, set) -> advanced(run, 0));
	}

	/** How many followers {@code run} has on this node. */
	int followers(RunKey run) {
		Set<RunFollower> set = followers.get(run);
		return set == null ? 0 : set.size();
	}

	/** How many followers this node has (live subscriber count). */
	int followers() {
		return count.get();
	}
}
