package dev.rampart.events.internal;

import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

import dev.rampart.executions.events.RunEventLog;
import dev.rampart.executions.events.RunEventsAppended;
import dev.rampart.gateway.MaskingPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * This node's one reader of a followed run (docs/live-events.md "One tail per run"): it keeps the run's most recent
 * events, masked and ready to encode, and wakes the run's {@link RunFeed}s, which take what they have not delivered
 * from here instead of each reading the log. Events written on this node arrive with their commit's signal and are
 * not read back at all; a bare pointer (another node wrote, or a signal was lost) makes the tail read the log after
 * its head, one read however many feeds there are.
 * <p>
 * The tail holds the contiguous range {@code (floor, head]} of the log; a feed further behind (a reconnect from an old
 * {@code Last-Event-ID}) reads the log itself until it reaches the range. Everything runs on the tail's own virtual
 * thread, one pass at a time; signals only queue and return.
 */
final class RunTail {

	private static final Logger log = LoggerFactory.getLogger(RunTail.class);
	private static final int PAGE = 200;
	/** A bare pointer is read at most this often when nothing says the log grew (a feed's heartbeat). */
	private static final long REFRESH_NANOS = 1_000_000_000L;

	private final RunKey run;
	private final RunEventLog events;
	private final EventMasking masking;
	private final JsonMapper json;
	private final int capacity;
	private final Set<RunFeed> feeds = ConcurrentHashMap.newKeySet();
	private final ConcurrentLinkedQueue<List<RunEventsAppended.Written>> pushed = new ConcurrentLinkedQueue<>();
	private final Coalesced pump;
	private final ArrayDeque<LiveEvent> recent = new ArrayDeque<>();
	private volatile boolean readNeeded;
	private volatile long readAt = System.nanoTime();
	private long floor;
	private long head;
	private boolean ended;

	RunTail(RunKey run, long from, RunEventLog events, EventMasking masking, Executor executor, JsonMapper json,
			int capacity) {
		this.run = run;
		this.floor = from;
		this.head = from;
		this.events = events;
		this.masking = masking;
		this.json = json;
		this.pump = new Coalesced(executor, () -> {
			if (work()) {
				for (RunFeed feed : feeds) {
					feed.advanced();
				}
			}
			return true;
		}, ex -> log.debug("The live tail of run {} could not read the log: {}", run.run(), ex.toString()));
		this.capacity = capacity;
		this.readNeeded = true;
	}

	RunKey run() {
		return run;
	}

	void add(RunFeed feed) {
		feeds.add(feed);
		synchronized (this) {
			if (feed.position() > head) {
				// the feed knows of events the tail has not read yet
				readNeeded = true;
			}
		}
		wake();
	}

	/** Answers whether {@code feed} was one of the tail's. */
	boolean remove(RunFeed feed) {
		return feeds.remove(feed);
	}

	int feeds() {
		return feeds.size();
	}

	/**
	 * The log grew up to {@code lastSeq} (0: by an unknown amount); {@code written} are the new events themselves when
	 * this node wrote them, else empty.
	 */
	void appended(long lastSeq, List<RunEventsAppended.Written> written) {
		synchronized (this) {
			if (ended || (lastSeq != 0 && lastSeq <= head)) {
				return;
			}
		}
		if (written.isEmpty()) {
			readNeeded = true;
		}
		else {
			pushed.add(written);
		}
		wake();
	}

	/** Reads the log again unless it did within the last second: a heartbeat's guard against a lost signal. */
	void refresh() {
		if (System.nanoTime() - readAt > REFRESH_NANOS) {
			readNeeded = true;
			wake();
		}
	}

	void token(String text) {
		for (RunFeed feed : feeds) {
			feed.token(text);
		}
	}

	/**
	 * The kept events after {@code delivered}, at most {@code max}; null when the tail does not reach back that far (the
	 * caller reads the log itself).
	 */
	synchronized @Nullable List<LiveEvent> after(long delivered, int max) {
		if (delivered < floor) {
			return null;
		}
		if (delivered >= head) {
			return List.of();
		}
		// feeds are usually near the head: walk back from it
		ArrayDeque<LiveEvent> out = new ArrayDeque<>();
		for (Iterator<LiveEvent> it = recent.descendingIterator(); it.hasNext();) {
			LiveEvent event = it.next();
			if (event.seq() <= delivered) {
				break;
			}
			out.addFirst(event);
			if (out.size() > max) {
				out.removeLast();
			}
		}
		return new ArrayList<>(out);
	}

	private void wake() {
		pump.wake();
	}

	/** Takes pushed events and reads the log as needed; answers whether the kept range grew. */
	private boolean work() {
		boolean grew = false;
		@Nullable MaskingPolicy policy = null;
		for (List<RunEventsAppended.Written> written = pushed.poll(); written != null; written = pushed.poll()) {
			long first = written.getFirst().seq();
			long next;
			synchronized (this) {
				next = head + 1;
			}
			if (first > next) {
				// something in between was written elsewhere or its signal is still on the way: read it
				readNeeded = true;
				continue;
			}
			for (RunEventsAppended.Written item : written) {
				if (item.seq() >= next) {
					// as the log will answer: JSON data, PostgreSQL's microseconds
					RunEventLog.Event event = new RunEventLog.Event(item.seq(), item.type(), json.valueToTree(item.data()),
							item.at().plusNanos(500).truncatedTo(ChronoUnit.MICROS));
					policy = policy == null ? masking.policy(run.tenant()) : policy;
					grew |= keep(new LiveEvent(run.run(), event, masking.mask(event.data(), policy)), true);
				}
			}
		}
		if (readNeeded) {
			readNeeded = false;
			readAt = System.nanoTime();
			List<RunEventLog.Event> page;
			do {
				long from;
				synchronized (this) {
					if (ended) {
						break;
					}
					from = head;
				}
				page = events.after(run.tenant(), run.run(), from, PAGE);
				for (RunEventLog.Event event : page) {
					policy = policy == null ? masking.policy(run.tenant()) : policy;
					grew |= keep(new LiveEvent(run.run(), event, masking.mask(event.data(), policy)), false);
				}
			}
			while (page.size() == PAGE);
		}
		return grew;
	}

	/** Keeps the next event: a pushed one only when it continues the range, a read one whenever it is newer. */
	private synchronized boolean keep(LiveEvent event, boolean pushed) {
		if (ended || event.seq() <= head || (pushed && event.seq() != head + 1)) {
			return false;
		}
		recent.addLast(event);
		head = event.seq();
		ended = event.terminal();
		if (recent.size() > capacity) {
			floor = recent.removeFirst().seq();
		}
		return true;
	}
}
