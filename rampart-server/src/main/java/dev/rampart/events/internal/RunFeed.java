package dev.rampart.events.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;

import dev.rampart.executions.events.RunEventLog;
import dev.rampart.gateway.MaskingPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's view of one run: it delivers the run's logged events with {@code seq} above the last one it
 * delivered, in order, each once. It takes them from the run's {@link RunTail} on this node, or, when it is further
 * behind than the tail reaches, from the log itself; because it always continues from its own position, delivery has
 * no gap and no duplicate whichever node wrote the events. Signals never block: the sink's writes happen on the feed's
 * own virtual thread, one pass at a time, so a slow client holds up only its own feed. After the run's terminal event
 * the sink is told {@link Sink#ended()} and the feed closes.
 */
public final class RunFeed implements AutoCloseable {

	/** Where a feed delivers; called on the feed's thread, one call at a time. May block (a slow SSE client). */
	public interface Sink {

		/** The next events, in order (one or more: a feed that fell behind gets what it missed at once). */
		void events(List<LiveEvent> events);

		void token(String text);

		/** Nothing happened for a while (an SSE comment line); a sink may do nothing. */
		void heartbeat();

		/** The terminal event was delivered. */
		void ended();

		/** The sink failed (its client is gone) or the log could not be read; the feed is closed. */
		void failed(Exception cause);
	}

	private static final Logger log = LoggerFactory.getLogger(RunFeed.class);
	private static final int PAGE = 200;

	private final RunKey run;
	private final RunEventLog events;
	private final EventMasking masking;
	private final Sink sink;
	private final BlockingQueue<String> tokens = new ArrayBlockingQueue<>(1024);
	private final Coalesced pump;
	private volatile boolean readNeeded = true;
	private volatile boolean heartbeatDue;
	private volatile boolean closed;
	private volatile long delivered;
	private volatile @Nullable RunTail tail;
	private volatile AutoCloseable following = () -> {
	};

	RunFeed(RunKey run, long after, RunEventLog events, EventMasking masking, Executor executor, Sink sink) {
		this.run = run;
		this.delivered = after;
		this.events = events;
		this.masking = masking;
		this.sink = sink;
		this.pump = new Coalesced(executor, () -> {
			work();
			return !closed;
		}, this::failed);
	}

	private void failed(RuntimeException ex) {
		log.debug("Live feed of run {} stopped: {}", run.run(), ex.toString());
		close();
		sink.failed(ex);
	}

	/** Joins the run's tail on {@code live}, which wakes the feed; from then on no signal is missed. */
	RunFeed start(LiveRuns live) {
		AutoCloseable handle = live.follow(this);
		synchronized (this) {
			if (!closed) {
				following = handle;
				wake();
				return this;
			}
		}
		// the feed ended (a finished run delivered at once) before the hub's answer was kept: leave now
		leave(handle);
		return this;
	}

	RunKey run() {
		return run;
	}

	/** Where the feed stands: a new tail starts reading after it. */
	long position() {
		return delivered;
	}

	void joined(RunTail tail) {
		this.tail = tail;
	}

	/** Whether the feed ended (its run's terminal event was delivered, its sink failed, or it was closed). */
	public boolean isClosed() {
		return closed;
	}

	/** The last seq delivered to the sink. */
	public long delivered() {
		return delivered;
	}

	/** The tail kept new events. */
	void advanced() {
		readNeeded = true;
		wake();
	}

	void token(String text) {
		// a viewer too slow for the tokens loses some: they are not stored anyway, the step's output has them
		if (tokens.offer(text)) {
			wake();
		}
	}

	/** Heartbeat: the sink gets {@link Sink#heartbeat()}, and the tail reads the log if it has not lately. */
	public void heartbeat() {
		heartbeatDue = true;
		readNeeded = true;
		RunTail current = tail;
		if (current != null) {
			current.refresh();
		}
		wake();
	}

	private void wake() {
		if (!closed) {
			pump.wake();
		}
	}

	private void work() {
		for (String text = tokens.poll(); text != null && !closed; text = tokens.poll()) {
			sink.token(text);
		}
		if (readNeeded) {
			readNeeded = false;
			for (;;) {
				RunTail current = tail;
				@Nullable List<LiveEvent> batch = current == null ? null : current.after(delivered, PAGE);
				boolean fromLog = batch == null;
				if (fromLog) {
					batch = read();
				}
				if (batch.isEmpty() || closed || deliver(batch)) {
					break;
				}
				if (!fromLog && batch.size() < PAGE) {
					break;
				}
			}
		}
		if (heartbeatDue && !closed) {
			heartbeatDue = false;
			sink.heartbeat();
		}
	}

	/** The log after the feed's position, for a feed behind its tail: masked here, not shared. */
	private List<LiveEvent> read() {
		List<RunEventLog.Event> page = events.after(run.tenant(), run.run(), delivered, PAGE);
		List<LiveEvent> out = new ArrayList<>(page.size());
		@Nullable MaskingPolicy policy = null;
		for (RunEventLog.Event event : page) {
			policy = policy == null ? masking.policy(run.tenant()) : policy;
			out.add(new LiveEvent(run.run(), event, masking.mask(event.data(), policy)));
		}
		return out;
	}

	/** Hands {@code batch} to the sink up to the terminal event; answers whether the feed ended. */
	private boolean deliver(List<LiveEvent> batch) {
		int end = batch.size();
		for (int i = 0; i < batch.size(); i++) {
			if (batch.get(i).terminal()) {
				end = i + 1;
				break;
			}
		}
		List<LiveEvent> part = end == batch.size() ? batch : batch.subList(0, end);
		sink.events(part);
		delivered = part.getLast().seq();
		if (part.getLast().terminal()) {
			close();
			sink.ended();
			return true;
		}
		return false;
	}

	@Override
	public void close() {
		AutoCloseable handle;
		synchronized (this) {
			closed = true;
			handle = following;
			following = () -> {
			};
		}
		leave(handle);
	}

	private static void leave(AutoCloseable handle) {
		try {
			handle.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}
