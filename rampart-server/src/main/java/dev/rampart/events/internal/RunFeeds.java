package dev.rampart.events.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rampart.executions.events.RunEventLog;
import dev.rampart.shared.TenantId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Opens {@link RunFeed}s for SSE streams and WebSocket subscriptions, with the threads they share: a virtual thread per
 * feed pass and one scheduler for heartbeats.
 */
@Component
public class RunFeeds implements DisposableBean {

	private final RunEventLog events;
	private final LiveRuns live;
	private final EventMasking masking;
	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().daemon().name("live-heartbeat").factory());

	private final Map<String, AtomicInteger> connected = Map.of("sse", new AtomicInteger(), "ws", new AtomicInteger());

	RunFeeds(RunEventLog events, LiveRuns live, EventMasking masking, MeterRegistry meters) {
		this.events = events;
		this.live = live;
		this.masking = masking;
		connected.forEach((transport, count) -> Gauge.builder("rampart.events.subscribers", count, AtomicInteger::get)
			.description("Open live connections on this node: SSE streams (runs and notifications) and /ws sockets")
			.tag("transport", transport)
			.register(meters));
		Gauge.builder("rampart.events.followed.runs", live, LiveRuns::runs)
			.description("Runs followed live on this node (one tail each)")
			.register(meters);
		Gauge.builder("rampart.events.run.feeds", live, LiveRuns::followers)
			.description("Run subscriptions on this node (SSE run streams and /ws run subscriptions)")
			.register(meters);
	}

	/**
	 * Counts an open live connection ({@code sse} or {@code ws}) in {@code rampart.events.subscribers}; close the
	 * answer when it ends (closing twice counts once).
	 */
	public Counted connected(String transport) {
		AtomicInteger count = connected.get(transport);
		if (count == null) {
			throw new IllegalArgumentException("transport must be sse or ws: " + transport);
		}
		count.incrementAndGet();
		AtomicBoolean open = new AtomicBoolean(true);
		return () -> {
			if (open.compareAndSet(true, false)) {
				count.decrementAndGet();
			}
		};
	}

	/** The tenant's run, or empty (another tenant's run is not found). */
	public Optional<RunEventLog.Run> find(TenantId tenant, UUID run) {
		return events.find(tenant, run);
	}

	/** Delivers the run's events after {@code after} to {@code sink}, then follows it live. */
	public RunFeed open(TenantId tenant, UUID run, long after, RunFeed.Sink sink) {
		return new RunFeed(new RunKey(tenant, run), after, events, masking, executor, sink).start(live);
	}

	/** Runs {@code task} every {@code period} until the answer is cancelled. */
	public ScheduledFuture<?> every(Duration period, Runnable task) {
		return scheduler.scheduleWithFixedDelay(() -> executor.execute(task), period.toMillis(), period.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/** Runs {@code task} once after {@code delay}. */
	public ScheduledFuture<?> after(Duration delay, Runnable task) {
		return scheduler.schedule(() -> executor.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** An open connection's place in the count. */
	public interface Counted extends AutoCloseable {

		@Override
		void close();
	}

	/** The virtual threads feeds and WebSocket writers run on. */
	ExecutorService executor() {
		return executor;
	}

	/** Live subscriptions (SSE streams and WebSocket run subscriptions) on this node. */
	public int subscribers() {
		return live.followers();
	}

	@Override
	public void destroy() {
		scheduler.shutdownNow();
		executor.shutdownNow();
	}
}
