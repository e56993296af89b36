package dev.rampart.events.internal;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.rampart.executions.events.RunEventLog;
import dev.rampart.gateway.MaskingPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One subscriber's view of one run: it delivers the run's logged events with {@code seq} above the last one it
 * delivered, in order, each once, reading the log whenever it is told the run advanced (or at its heartbeat, in case a
 * signal was lost). Because it always reads from its own position, delivery has no gap and no duplicate whichever node
 * wrote the events. Signals never block: the reading and the sink's writes happen on the feed's own virtual thread, one
 * pass at a time. After the run's terminal event the sink is told {@link Sink#ended()} and the feed closes.
 */
public final class RunFeed implements RunFollower, AutoCloseable {

	/** Where a feed delivers; called on the feed's thread, one call at a time. May block (a slow SSE client). */
	public interface Sink {

		void event(RunEventLog.Event event, JsonNode maskedData);

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
	private final Executor executor;
	private final Sink sink;
	private final BlockingQueue<String> tokens = new ArrayBlockingQueue<>(1024);
	private final AtomicBoolean scheduled = new AtomicBoolean();
	private volatile boolean again;
	private volatile boolean readNeeded = true;
	private volatile boolean heartbeatDue;
	private volatile boolean closed;
	private volatile long delivered;
	private volatile AutoCloseable following = () -> {
	};

	RunFeed(RunKey run, long after, RunEventLog events, EventMasking masking, Executor executor, Sink sink) {
		this.run = run;
		this.delivered = after;
		this.events = events;
		this.masking = masking;
		this.executor = executor;
		this.sink = sink;
	}

	/** Follows the run on {@code live} first, then reads the log, so no signal between the two is missed. */
	RunFeed start(LiveRuns live) {
		following = live.follow(run, this);
		wake();
		return this;
	}

	RunKey run() {
		return run;
	}

	/** The last seq delivered to the sink. */
	public long delivered() {
		return delivered;
	}

	@Override
	public void advanced(long lastSeq) {
		if (lastSeq != 0 && lastSeq <= delivered) {
			return;
		}
		readNeeded = true;
		wake();
	}

	@Override
	public void token(String text) {
		// a viewer too slow for the tokens loses some: they are not stored anyway, the step's output has them
		if (tokens.offer(text)) {
			wake();
		}
	}

	/** Heartbeat: the sink gets {@link Sink#heartbeat()} and the log is read again. */
	public void heartbeat() {
		heartbeatDue = true;
		readNeeded = true;
		wake();
	}

	private void wake() {
		again = true;
		if (!closed && scheduled.compareAndSet(false, true)) {
			executor.execute(this::pump);
		}
	}

	private void pump() {
		try {
			for (;;) {
				again = false;
				work();
				if (closed) {
					return;
				}
				if (again) {
					continue;
				}
				scheduled.set(false);
				if (!again || !scheduled.compareAndSet(false, true)) {
					return;
				}
			}
		}
		catch (RuntimeException ex) {
			log.debug("Live feed of run {} stopped: {}", run.run(), ex.toString());
			close();
			sink.failed(ex);
		}
	}

	private void work() {
		for (String text = tokens.poll(); text != null && !closed; text = tokens.poll()) {
			sink.token(text);
		}
		if (readNeeded) {
			readNeeded = false;
			@Nullable MaskingPolicy policy = null;
			List<RunEventLog.Event> page;
			do {
				page = events.after(run.tenant(), run.run(), delivered, PAGE);
				for (RunEventLog.Event event : page) {
					if (closed) {
						return;
					}
					if (policy == null) {
						policy = masking.policy(run.tenant());
					}
					sink.event(event, masking.mask(event.data(), policy));
					delivered = event.seq();
					if (event.terminal()) {
						close();
						sink.ended();
						return;
					}
				}
			}
			while (page.size() == PAGE);
		}
		if (heartbeatDue && !closed) {
			heartbeatDue = false;
			sink.heartbeat();
		}
	}

	@Override
	public void close() {
		closed = true;
		try {
			following.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}
