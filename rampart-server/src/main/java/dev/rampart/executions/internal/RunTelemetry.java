package dev.rampart.executions.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTags;
import dev.rampart.shared.TenantTransactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code run} span and the run metrics (docs/observability.md). Each claim of a run is one {@code rampart.run}
 * observation (a span, and a timer of how long the attempt took) whose parent is the trace context saved when the run
 * was enqueued, so the first attempt, a resume and a takeover on another node all join the trace of the request that
 * started the run. Its ending, as {@link RunJournal} writes it, sets {@code execution.success}, {@code error.type} and
 * the {@code status} tag, and counts {@code rampart.runs.ended}. The runs not yet ended, by tenant and status (the
 * queue depth), are a gauge refreshed by each heartbeat of this node's workers.
 */
@Component
class RunTelemetry {

	private static final Logger log = LoggerFactory.getLogger(RunTelemetry.class);
	private static final String ACTIVE = "select tenant_id, status, count(*) as n from runs"
			+ " where status in ('queued', 'running', 'waiting', 'compensating') group by tenant_id, status";

	private final ObservationRegistry observations;
	private final MeterRegistry meters;
	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final MultiGauge active;
	private final Map<UUID, Observation> inFlight = new ConcurrentHashMap<>();
	/** Every tenant and status counted so far: one that has no run left shows 0 rather than vanishing. */
	private final Set<Tags> seen = ConcurrentHashMap.newKeySet();

	RunTelemetry(ObservationRegistry observations, MeterRegistry meters, JdbcClient jdbc, TenantTransactions transactions) {
		this.observations = observations;
		this.meters = meters;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.active = MultiGauge.builder("rampart.runs.active")
			.description("Runs not yet ended, by tenant and status (queued: the queue depth), as of the last heartbeat")
			.register(meters);
	}

	/** Runs {@code execution} (one claim of {@code run}) as the run's span. */
	void observe(ClaimedRun run, Runnable execution) {
		ReceiverContext<Map<String, String>> context = new ReceiverContext<>((carrier, key) -> carrier.get(key));
		context.setCarrier(run.traceparent() == null ? Map.of() : Map.of("traceparent", run.traceparent()));
		context.setRemoteServiceName("rampart-run-queue");
		Observation observation = Observation.createNotStarted("rampart.run", () -> context, observations)
			.contextualName("run " + run.kind())
			.lowCardinalityKeyValue("kind", run.kind())
			.lowCardinalityKeyValue("tenant", TenantTags.of(run.fence().tenant()))
			.lowCardinalityKeyValue("status", "abandoned")
			.highCardinalityKeyValue("tenant.id", run.fence().tenant().toString())
			.highCardinalityKeyValue("run.id", run.fence().runId().toString())
			.highCardinalityKeyValue("run.attempt", Integer.toString(run.attempt()))
			.highCardinalityKeyValue(run.kind().equals("agent") ? "agent.id" : "workflow.id", run.targetId().toString())
			.highCardinalityKeyValue("input.size", Integer.toString(run.input().toString().length()));
		inFlight.put(run.fence().runId(), observation);
		try {
			observation.observe(execution);
		}
		finally {
			inFlight.remove(run.fence().runId(), observation);
		}
	}

	/**
	 * The attempt of {@code fence}'s run ended with {@code status} ({@code succeeded}, {@code failed}, {@code cancelled},
	 * {@code compensated}; {@code waiting} or {@code queued} when it goes on later); {@code error} is the problem of a
	 * failed run.
	 */
	void ended(Fence fence, String status, @Nullable Object error) {
		Observation observation = inFlight.get(fence.runId());
		boolean failed = status.equals("failed");
		if (observation != null) {
			observation.lowCardinalityKeyValue("status", status);
			observation.highCardinalityKeyValue("execution.success", Boolean.toString(!failed));
			if (failed) {
				observation.highCardinalityKeyValue("error.type", errorType(error));
			}
		}
		Counter.builder("rampart.runs.ended")
			.description("Attempts of runs that ended, by status and tenant (waiting/queued: suspended to go on later)")
			.tag("status", status)
			.tag("tenant", TenantTags.of(fence.tenant()))
			.register(meters)
			.increment();
	}

	private static String errorType(@Nullable Object error) {
		if (error instanceof Map<?, ?> problem && problem.get("code") != null) {
			return Objects.toString(problem.get("code"));
		}
		return "unknown";
	}

	/** Reads the runs not yet ended of every tenant into {@code rampart.runs.active}; a failure keeps the last values. */
	void refreshActive() {
		try {
			Map<Tags, Long> counts = new ConcurrentHashMap<>();
			transactions.asSystem("counting the runs not yet ended per tenant and status for the metrics", () -> {
				jdbc.sql(ACTIVE).query((rs, n) -> counts.merge(Tags.of("tenant",
						TenantTags.of(new TenantId(rs.getObject("tenant_id", UUID.class))), "status", rs.getString("status")),
						rs.getLong("n"), Long::sum)).list();
				return null;
			});
			seen.addAll(counts.keySet());
			seen.forEach(tags -> counts.putIfAbsent(tags, 0L));
			List<MultiGauge.Row<?>> rows = new ArrayList<>();
			counts.forEach((tags, n) -> rows.add(MultiGauge.Row.of(tags, n)));
			active.register(rows, true);
		}
		catch (RuntimeException ex) {
			log.debug("Could not count the active runs for the metrics ({})", ex.toString());
		}
	}
}
