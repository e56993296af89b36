package dev.rampart.observability.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The guidelines' {@code HealthChecker}: runs every dependency check of the node at once, each on its own virtual
 * thread, and bounds each to {@link #BOUND} from its start, so that a hanging dependency is reported as timed out
 * instead of hanging {@code /actuator/health}, and the other components answer meanwhile.
 *
 * <p>Spring Boot asks the components one after another; the first one asked starts a round for all of them and each
 * answer is waited for only until its own deadline, so a whole health request takes at most about {@link #BOUND}. A
 * result is reused for {@link #REUSE} (one request, or probes arriving together, share a round), and a check still
 * running past its bound is not started again: a dependency that never answers costs one virtual thread, not one per
 * probe.
 *
 * <p>What a failure means for the node is decided here, not by the checks: a <em>critical</em> component that fails
 * (times out, throws, or reports DOWN) is {@link Status#DOWN}, which makes the node unhealthy (503, readiness DOWN);
 * any other failing component is {@link #DEGRADED}, which is answered with 200: the platform works in degraded mode.
 */
final class HealthChecker {

	/** The guidelines' bound on every check. */
	static final Duration BOUND = Duration.ofSeconds(5);

	/** How long a finished check's result answers the next requests before the check runs again. */
	static final Duration REUSE = Duration.ofSeconds(1);

	/** Works, but not fully: answered with HTTP 200 and ordered between DOWN and UP (application.yaml). */
	static final Status DEGRADED = new Status("DEGRADED");

	private record Check(HealthIndicator indicator, boolean critical) {
	}

	/** One run of one check: when it started, its result to come, and when it finished (0 while running). */
	private record Run(long startedAt, CompletableFuture<Health> result, AtomicLong finishedAt) {
	}

	private final Map<String, Check> checks = new LinkedHashMap<>();
	private final Map<String, Run> runs = new LinkedHashMap<>();
	private final Duration bound;
	private final Duration reuse;
	private final LongSupplier nanoTime;

	HealthChecker() {
		this(BOUND, REUSE, System::nanoTime);
	}

	HealthChecker(Duration bound, Duration reuse, LongSupplier nanoTime) {
		this.bound = bound;
		this.reuse = reuse;
		this.nanoTime = nanoTime;
	}

	/** Adds a component; {@code critical} ones take the node down when they fail, the others degrade it. */
	synchronized void register(String name, HealthIndicator indicator, boolean critical) {
		checks.put(name, new Check(indicator, critical));
	}

	/** The named component's health, from a round of all components started now unless one is fresh or running. */
	Health health(String name) {
		Run run;
		Check check;
		synchronized (this) {
			check = checks.get(name);
			if (check == null) {
				throw new IllegalArgumentException("no health check named " + name);
			}
			startRound();
			run = runs.get(name);
		}
		long wait = run.startedAt() + bound.toNanos() - nanoTime.getAsLong();
		try {
			return judge(run.result().get(Math.max(0, wait), TimeUnit.NANOSECONDS), check.critical());
		}
		catch (TimeoutException ex) {
			return failed(check.critical(), "timeout: no answer within " + bound.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			return failed(check.critical(), rootCause(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return failed(check.critical(), "interrupted");
		}
	}

	/** Every component's health, the checks run concurrently; what the guidelines' {@code health_check} returns. */
	Map<String, Health> healthOfAll() {
		List<String> names;
		synchronized (this) {
			startRound();
			names = List.copyOf(checks.keySet());
		}
		Map<String, Health> all = new LinkedHashMap<>();
		names.forEach(name -> all.put(name, health(name)));
		return all;
	}

	private void startRound() {
		long now = nanoTime.getAsLong();
		for (Map.Entry<String, Check> entry : checks.entrySet()) {
			Run last = runs.get(entry.getKey());
			long finished = last == null ? 0 : last.finishedAt().get();
			boolean running = last != null && finished == 0;
			boolean fresh = finished != 0 && now - finished < reuse.toNanos();
			if (!running && !fresh) {
				runs.put(entry.getKey(), start(entry.getKey(), entry.getValue().indicator(), now));
			}
		}
	}

	private Run start(String name, HealthIndicator indicator, long now) {
		AtomicLong finishedAt = new AtomicLong();
		CompletableFuture<Health> result = new CompletableFuture<>();
		Thread.ofVirtual().name("health-" + name).start(() -> {
			Health health = null;
			Throwable failure = null;
			try {
				health = indicator.health();
			}
			catch (Throwable ex) {
				failure = ex;
			}
			finishedAt.set(Math.max(1, nanoTime.getAsLong()));
			if (failure == null) {
				result.complete(health);
			}
			else {
				result.completeExceptionally(failure);
			}
		});
		return new Run(now, result, finishedAt);
	}

	private static Health judge(Health health, boolean critical) {
		Status status = health.getStatus();
		if (status.equals(Status.UP) || status.equals(DEGRADED) || critical) {
			return health;
		}
		return Health.status(DEGRADED).withDetails(health.getDetails()).withDetail("reported", status.getCode()).build();
	}

	private static Health failed(boolean critical, String error) {
		return (critical ? Health.down() : Health.status(DEGRADED)).withDetail("error", error).build();
	}

	private static String rootCause(ExecutionException ex) {
		Throwable cause = ex.getCause();
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}
}
