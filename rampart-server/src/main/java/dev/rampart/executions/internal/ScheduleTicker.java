package dev.rampart.executions.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.agents.Agents;
import dev.rampart.executions.SchedulesProperties;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.workflows.Workflows;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fires due cron schedules (docs/runs.md, "Schedules"). Every node ticks; a tick takes one due schedule at a time,
 * locking its row {@code FOR UPDATE SKIP LOCKED}, and in the same transaction creates the run (through
 * {@link JdbcRuns#enqueue}, with the idempotency key {@code schedule:<id>:<tick>}) and moves {@code next_fire_at} to the
 * first tick after now. So two nodes never fire the same tick (the second skips the locked row, or finds it no longer
 * due), and a node that was down for hours fires each schedule once for all the ticks it missed, not in a burst. The
 * idempotency key is the second guard: whatever happens, a tick maps to one run.
 *
 * <p>A firing that cannot create its run (the target was deleted, the version or alias is gone) records the problem in
 * the schedule's {@code last_error} and still moves on to the next tick: the creation runs in a savepoint, so its
 * failure does not undo the advance.
 */
@Component
public class ScheduleTicker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ScheduleTicker.class);

	private static final String DUE = "select tenant_id, " + JdbcSchedules.COLUMNS + " from schedules"
			+ " where next_fire_at <= :now order by next_fire_at limit 1 for update skip locked";

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final TransactionTemplate savepoint;
	private final Clock clock;
	private final JsonMapper json;
	private final JdbcSchedules schedules;
	private final JdbcRuns runs;
	private final Agents agents;
	private final Workflows workflows;
	private final SchedulesProperties properties;
	private volatile @Nullable Thread ticker;

	ScheduleTicker(JdbcClient jdbc, TenantTransactions transactions, PlatformTransactionManager transactionManager,
			Clock clock, JsonMapper json, JdbcSchedules schedules, JdbcRuns runs, Agents agents, Workflows workflows,
			SchedulesProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.clock = clock;
		this.json = json;
		this.schedules = schedules;
		this.runs = runs;
		this.agents = agents;
		this.workflows = workflows;
		this.properties = properties;
	}

	/** One firing: the schedule, the tick it fired for, and the run it created (null when it could not). */
	public record Firing(UUID scheduleId, Instant tick, @Nullable UUID runId) {
	}

	/**
	 * Fires what is due at this clock's now, at most {@code batch} schedules; what this node finds locked by another
	 * node is that node's to fire.
	 *
	 * @return the firings, in tick order
	 */
	public List<Firing> tick() {
		List<Firing> fired = new ArrayList<>();
		Instant now = clock.instant();
		while (fired.size() < properties.batch()) {
			Optional<Firing> firing = transactions.asSystem("firing the due schedules of every tenant", () -> fireOne(now));
			if (firing.isEmpty()) {
				break;
			}
			fired.add(firing.get());
		}
		return fired;
	}

	private Optional<Firing> fireOne(Instant now) {
		Optional<Due> due = jdbc.sql(DUE).param("now", RunRows.at(now))
			.query((rs, n) -> new Due(new TenantId(rs.getObject("tenant_id", UUID.class)), schedules.row(rs)))
			.optional();
		if (due.isEmpty()) {
			return Optional.empty();
		}
		StoredSchedule schedule = due.get().schedule();
		TenantId tenant = due.get().tenant();
		Instant tick = Objects.requireNonNull(schedule.nextFireAt());
		Instant next = null;
		Map<String, Object> error = null;
		UUID run = null;
		try {
			next = CronSchedule.of(schedule.cron(), schedule.timezone()).after(now).orElse(null);
			run = savepoint.execute(status -> createRun(tenant, schedule, tick));
		}
		catch (RampartException ex) {
			error = problem(ex.code(), ex.technicalDetails());
		}
		catch (RuntimeException ex) {
			log.warn("schedule {} could not create its run for {}", schedule.id(), tick, ex);
			error = problem(ErrorCode.INTERNAL_ERROR, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		jdbc.sql("""
				update schedules set next_fire_at = :next, enabled = :enabled, last_fired_at = :tick, last_run_id = :run,
					last_error = cast(:error as jsonb)
				where tenant_id = :tenant and id = :id""")
			.param("next", next == null ? null : RunRows.at(next)).param("enabled", next != null)
			.param("tick", RunRows.at(tick)).param("run", run)
			.param("error", error == null ? null : json.writeValueAsString(error))
			.param("tenant", tenant.value()).param("id", schedule.id())
			.update();
		return Optional.of(new Firing(schedule.id(), tick, run));
	}

	private record Due(TenantId tenant, StoredSchedule schedule) {
	}

	/** The run of one tick, through the same path as {@code POST /agents/{id}/runs}; the target's version resolved now. */
	private UUID createRun(TenantId tenant, StoredSchedule schedule, Instant tick) {
		int version;
		if (schedule.targetKind().equals("agent")) {
			version = agents.resolve(tenant, schedule.targetId(), schedule.targetVersion())
				.orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "The schedule's agent "
						+ schedule.targetId() + (schedule.targetVersion() == null ? "" : " (version or alias '"
								+ schedule.targetVersion() + "')") + " no longer exists."))
				.version();
		}
		else {
			version = workflows.resolve(tenant, schedule.targetId(), schedule.targetVersion())
				.orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "The schedule's workflow "
						+ schedule.targetId() + (schedule.targetVersion() == null ? "" : " (version '"
								+ schedule.targetVersion() + "')") + " no longer exists."))
				.version();
		}
		String key = "schedule:" + schedule.id() + ":" + tick;
		return runs.enqueue(new JdbcRuns.NewRun(tenant, schedule.targetKind(), schedule.targetId(), version,
				schedule.input(), null, null, 0, "schedule:" + schedule.id(), key, hash(key))).run().id();
	}

	private static Map<String, Object> problem(ErrorCode code, String details) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("code", code.name());
		problem.put("userMessage", code.userMessage());
		problem.put("technicalDetails", details);
		return problem;
	}

	private static String hash(String key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	@Override
	public void start() {
		if (!properties.enabled() || ticker != null) {
			return;
		}
		ticker = Thread.ofPlatform().daemon().name("schedule-ticker").start(this::loop);
	}

	private void loop() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				Thread.sleep(properties.tick());
				tick();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				log.warn("schedule tick failed; trying again at the next tick", ex);
			}
		}
	}

	@Override
	public void stop() {
		Thread thread = ticker;
		ticker = null;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return ticker != null;
	}
}
