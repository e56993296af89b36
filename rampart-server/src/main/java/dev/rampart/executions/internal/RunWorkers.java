package dev.rampart.executions.internal;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.rampart.executions.RunsProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This node's workers (docs/runs.md, "Workers"): a dispatcher claims runs while a worker slot is free and hands each to
 * its {@link RunExecutor} on a virtual thread; it claims again at once when woken ({@link RunSignals}: an enqueue here or
 * a NOTIFY from another node) and otherwise every poll interval (lapsed leases announce nothing). A heartbeat extends the
 * leases of the runs in flight, passes on cancel requests and marks runs whose lease was lost. Under memory pressure
 * ({@link Admission}) it claims only while fewer runs than the reduced limit are in flight. Each execution is the run's
 * span ({@link RunTelemetry}); each heartbeat also refreshes the gauge of runs not yet ended.
 *
 * <p>Stopping stops claiming, gives the runs in flight a short grace to finish, then abandons the rest without writing:
 * their leases lapse and another node, or this one restarted, takes them over.
 */
@Component
class RunWorkers implements SmartLifecycle, RunSignals.Receiver {

	private static final Logger log = LoggerFactory.getLogger(RunWorkers.class);
	private static final Duration GRACE = Duration.ofSeconds(5);

	private final RunQueue queue;
	private final Map<String, RunExecutor> executors;
	private final RunsProperties properties;
	private final RunSignals signals;
	private final Admission admission;
	private final RunTelemetry telemetry;
	private final String node;
	private final Semaphore slots;
	private final Map<UUID, Execution> inFlight = new ConcurrentHashMap<>();
	private final Object monitor = new Object();
	private boolean woken;
	private volatile boolean running;
	private @Nullable ExecutorService pool;
	private @Nullable Thread dispatcher;
	private @Nullable Thread heartbeat;

	RunWorkers(RunQueue queue, List<RunExecutor> executors, RunsProperties properties, RunSignals signals,
			Admission admission, RunTelemetry telemetry) {
		this.queue = queue;
		this.telemetry = telemetry;
		this.admission = admission;
		this.executors = executors.stream().collect(Collectors.toMap(RunExecutor::kind, Function.identity()));
		this.properties = properties;
		this.signals = signals;
		this.node = properties.nodeId() == null || properties.nodeId().isBlank() ? defaultNodeId() : properties.nodeId();
		this.slots = new Semaphore(properties.workers());
	}

	private static String defaultNodeId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "node";
		}
		return host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** The name this node's leases carry. */
	String node() {
		return node;
	}

	@Override
	public void start() {
		running = true;
		if (properties.workers() == 0) {
			return;
		}
		pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("run-", 0).factory());
		signals.receiveWith(this);
		admission.start(node);
		dispatcher = Thread.ofPlatform().daemon().name("run-dispatcher").start(this::dispatch);
		heartbeat = Thread.ofPlatform().daemon().name("run-heartbeat").start(this::beat);
	}

	private void dispatch() {
		while (running) {
			try {
				slots.acquire();
			}
			catch (InterruptedException ex) {
				return;
			}
			if (inFlight.size() >= admission.limit()) {
				// memory pressure: queued runs wait until runs in flight end or the limit recovers (both wake us)
				slots.release();
				if (!awaitSignal()) {
					return;
				}
				continue;
			}
			Optional<ClaimedRun> claimed = Optional.empty();
			try {
				claimed = running ? queue.claim(node, properties.lease(), properties.tenantConcurrency()) : Optional.empty();
			}
			catch (RuntimeException ex) {
				log.warn("Could not claim a run ({}); trying again at the next poll", ex.toString());
			}
			if (claimed.isEmpty()) {
				slots.release();
				if (!awaitSignal()) {
					return;
				}
				continue;
			}
			ClaimedRun run = claimed.get();
			Execution execution = new Execution(run.fence());
			inFlight.put(run.fence().runId(), execution);
			pool.submit(() -> execute(run, execution));
		}
	}

	private void execute(ClaimedRun run, Execution execution) {
		try {
			RunExecutor executor = executors.get(run.kind());
			if (executor == null) {
				log.warn("No executor for {} runs on this node; run {} is claimed again when its lease lapses", run.kind(),
						run.fence().runId());
				return;
			}
			telemetry.observe(run, () -> executor.execute(run, execution));
		}
		catch (StaleFenceException ex) {
			log.info("Abandoned run {}: another node took it over ({})", run.fence().runId(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("Run {} could not be finished here ({}); another node takes it over when the lease lapses",
					run.fence().runId(), ex.toString());
		}
		finally {
			// only this execution's entry: after this node took its own lapsed run over, the new one is in flight
			inFlight.remove(run.fence().runId(), execution);
			slots.release();
			wake();
		}
	}

	/** Waits for a signal or the poll interval; false when interrupted (stopping). */
	private boolean awaitSignal() {
		synchronized (monitor) {
			try {
				if (!woken) {
					monitor.wait(Math.max(1, properties.pollInterval().toMillis()));
				}
			}
			catch (InterruptedException ex) {
				return false;
			}
			woken = false;
			return true;
		}
	}

	private void beat() {
		while (running) {
			try {
				Thread.sleep(properties.heartbeat());
			}
			catch (InterruptedException ex) {
				return;
			}
			heartbeatOnce();
			telemetry.refreshActive();
		}
	}

	/** One heartbeat: extends every lease in flight here and applies what it learnt. */
	void heartbeatOnce() {
		try {
			Map<UUID, RunQueue.LeaseState> states = queue.extend(inFlight.values().stream().map(Execution::fence).toList(),
					properties.lease());
			states.forEach((id, state) -> {
				Execution execution = inFlight.get(id);
				if (execution == null) {
					return;
				}
				switch (state) {
					case LOST -> execution.lose();
					case CANCEL_REQUESTED -> execution.requestCancel();
					case HELD -> {
					}
				}
			});
		}
		catch (RuntimeException ex) {
			log.warn("Could not extend the leases of {} runs ({}); trying again at the next heartbeat", inFlight.size(),
					ex.toString());
		}
	}

	@Override
	public void wake() {
		synchronized (monitor) {
			woken = true;
			monitor.notifyAll();
		}
	}

	@Override
	public void cancel(UUID runId) {
		Execution execution = inFlight.get(runId);
		if (execution != null) {
			execution.requestCancel();
		}
	}

	@Override
	public void stop() {
		running = false;
		signals.receiveWith(null);
		admission.stop();
		if (dispatcher != null) {
			dispatcher.interrupt();
		}
		if (heartbeat != null) {
			heartbeat.interrupt();
		}
		if (pool != null) {
			pool.shutdown();
			try {
				if (!pool.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
					inFlight.values().forEach(Execution::lose);
					pool.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
