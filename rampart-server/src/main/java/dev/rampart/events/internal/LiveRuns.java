package dev.rampart.events.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rampart.events.EventsProperties;
import dev.rampart.executions.events.RunEventLog;
import dev.rampart.executions.events.RunEventsAppended;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * This node's followed runs (the hub of docs/live-events.md): one {@link RunTail} per (tenant, run) that anyone here
 * follows, with that run's feeds. Signals about a run, whichever node they came from, go to exactly that tenant's
 * tail; a signal for a run nobody here follows costs a map lookup.
 */
@Component
class LiveRuns implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LiveRuns.class);

	private final Map<RunKey, RunTail> tails = new ConcurrentHashMap<>();
	private final AtomicInteger count = new AtomicInteger();
	private final RunEventLog events;
	private final EventMasking masking;
	private final JsonMapper json;
	private final int kept;
	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	LiveRuns(RunEventLog events, EventMasking masking, EventsProperties properties, JsonMapper json) {
		this.events = events;
		this.json = json;
		this.masking = masking;
		this.kept = properties.tailEvents();
	}

	/** Joins {@code feed} to its run's tail (made on first use); close the answer to leave. */
	AutoCloseable follow(RunFeed feed) {
		RunKey run = feed.run();
		RunTail joined = tails.compute(run, (key, tail) -> {
			RunTail current = tail != null ? tail : new RunTail(key, feed.position(), events, masking, executor, json, kept);
			feed.joined(current);
			current.add(feed);
			return current;
		});
		count.incrementAndGet();
		return () -> unfollow(joined, feed);
	}

	private void unfollow(RunTail tail, RunFeed feed) {
		tails.computeIfPresent(tail.run(), (key, current) -> {
			if (current == tail && tail.remove(feed)) {
				count.decrementAndGet();
				return tail.feeds() == 0 ? null : tail;
			}
			return current;
		});
	}

	/** The run's log grew; {@code written} are the events when this node wrote them, else empty. */
	void advanced(RunKey run, long lastSeq, List<RunEventsAppended.Written> written) {
		RunTail tail = tails.get(run);
		if (tail != null) {
			try {
				tail.appended(lastSeq, written);
			}
			catch (RuntimeException ex) {
				log.warn("The live tail of run {} failed to take a signal", run.run(), ex);
			}
		}
	}

	void token(RunKey run, String text) {
		RunTail tail = tails.get(run);
		if (tail != null) {
			tail.token(text);
		}
	}

	/** Every tail reads its log again: signals may have been missed (the fan-out was not listening for a while). */
	void advancedAll() {
		tails.values().forEach(tail -> tail.appended(0, List.of()));
	}

	/** How many feeds follow {@code run} on this node. */
	int followers(RunKey run) {
		RunTail tail = tails.get(run);
		return tail == null ? 0 : tail.feeds();
	}

	/** How many feeds this node has (live subscriber count). */
	int followers() {
		return count.get();
	}

	/** How many runs this node follows (one tail each). */
	int runs() {
		return tails.size();
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}
}
