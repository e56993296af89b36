package dev.rampart.executions.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.agents.AgentActivity;
import dev.rampart.executions.events.RunEventsAppended;
import dev.rampart.shared.ActiveRuns;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.TraceIds;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runs of a tenant as the API sees them (docs/runs.md): enqueue (honouring idempotency keys), read, list, steps,
 * events, cancel. Also what the gateway's concurrency quota ({@link ActiveRuns}) and the agent deletion check
 * ({@link AgentActivity}) ask: both count queued and running runs, so they hold across the cluster. Another tenant's run
 * is "not found".
 */
@Component
public class JdbcRuns implements ActiveRuns, AgentActivity {

	public static final int MAX_PAGE = 200;
	public static final int MAX_EVENTS = 1000;
	/** The NOTIFY channel of the queue: {@code wake} after an enqueue, {@code cancel:<run id>} after a cancel. */
	static final String CHANNEL = "rampart_runs";

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final RunSignals signals;
	private final Clock clock;
	private final RunRows rows;
	private final TraceIds traces;

	private final RunEventsPublisher published;

	JdbcRuns(JdbcClient jdbc, TenantTransactions transactions, RunSignals signals, Clock clock, JsonMapper json,
			TraceIds traces, RunEventsPublisher published) {
		this.traces = traces;
		this.published = published;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.signals = signals;
		this.clock = clock;
		this.rows = new RunRows(json);
	}

	/**
	 * A run to enqueue.
	 *
	 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
	 * @param requestHash what identifies the request for the key: the same key with another hash is refused
	 */
	public record NewRun(TenantId tenant, String kind, UUID targetId, int targetVersion, JsonNode input,
			@Nullable String threadId, @Nullable String userId, int priority, String principal,
			@Nullable String idempotencyKey, String requestHash) {
	}

	/** The run, and whether this call created it (false: the idempotency key named an earlier run). */
	public record Enqueued(StoredRun run, boolean created) {
	}

	/**
	 * Inserts a queued run with its first event and wakes the workers (here at once, other nodes by NOTIFY), unless the
	 * idempotency key already names a run: then that run, when the request is the same.
	 *
	 * @throws RampartException {@code IDEMPOTENCY_KEY_REUSED} when the key named a different request
	 */
	public Enqueued enqueue(NewRun run) {
		return enqueue(run, () -> { });
	}

	/**
	 * Like {@link #enqueue(NewRun)}, with {@code admit} run in the insert's transaction before a new run is inserted
	 * (not when the idempotency key names an earlier run): it may lock rows and throw to refuse the run.
	 */
	public Enqueued enqueue(NewRun run, Runnable admit) {
		Enqueued enqueued;
		try {
			enqueued = transactions.inTenant(run.tenant(), () -> insertUnlessKnown(run, admit));
		}
		catch (DuplicateKeyException race) {
			// another request with the same key committed between our look-up and our insert
			enqueued = transactions.inTenant(run.tenant(), () -> byKey(run).orElseThrow(() -> race));
		}
		if (enqueued.created()) {
			signals.wake();
		}
		return enqueued;
	}

	private Enqueued insertUnlessKnown(NewRun run, Runnable admit) {
		Optional<Enqueued> known = byKey(run);
		if (known.isPresent()) {
			return known.get();
		}
		admit.run();
		return new Enqueued(insert(run, null, null), true);
	}

	/**
	 * Inserts a queued run with its {@code run_queued} event and NOTIFYs the workers, in the caller's tenant transaction.
	 *
	 * @param replayOf the run it replays, or null
	 * @param checkpoint the checkpoint it starts with (JSON object text), or null for an empty one
	 */
	StoredRun insert(NewRun run, @Nullable UUID replayOf, @Nullable String checkpoint) {
		UUID id = UuidV7.next(clock);
		Instant now = clock.instant();
		jdbc.sql("""
				insert into runs (tenant_id, id, kind, target_id, target_version, input, thread_id, user_id, status, priority,
					idempotency_key, request_hash, created_at, created_by, updated_at, replay_of, checkpoint, traceparent)
				values (:tenant, :id, :kind, :target, :version, cast(:input as jsonb), :thread, :user, 'queued', :priority,
					:key, :hash, :now, :by, :now, :replayOf, coalesce(cast(:checkpoint as jsonb), '{}'), :traceparent)""")
			.param("tenant", run.tenant().value()).param("id", id).param("kind", run.kind())
			.param("target", run.targetId()).param("version", run.targetVersion()).param("input", rows.text(run.input()))
			.param("thread", run.threadId()).param("user", run.userId()).param("priority", run.priority())
			.param("key", run.idempotencyKey()).param("hash", run.idempotencyKey() == null ? null : run.requestHash())
			.param("now", RunRows.at(now)).param("by", run.principal()).param("replayOf", replayOf)
			.param("checkpoint", checkpoint).param("traceparent", traces.traceparent())
			.update();
		Map<String, Object> queued = new LinkedHashMap<>();
		queued.put("kind", run.kind());
		queued.put("targetId", run.targetId());
		queued.put("version", run.targetVersion());
		if (replayOf != null) {
			queued.put("replayOf", replayOf);
		}
		jdbc.sql("insert into run_events (tenant_id, run_id, seq, type, data, at) values (:tenant, :id, 1, 'run_queued',"
				+ " cast(:data as jsonb), :now)")
			.param("tenant", run.tenant().value()).param("id", id)
			.param("data", rows.text(queued))
			.param("now", RunRows.at(now))
			.update();
		jdbc.sql("select pg_notify('" + CHANNEL + "', 'wake')").query((rs, n) -> 1).list();
		published.appended(run.tenant(), id, 1, false);
		return find(run.tenant(), id).orElseThrow();
	}

	private Optional<Enqueued> byKey(NewRun run) {
		if (run.idempotencyKey() == null) {
			return Optional.empty();
		}
		return jdbc.sql("select request_hash, " + RunRows.RUN_COLUMNS + " from runs where tenant_id = :tenant"
				+ " and idempotency_key = :key")
			.param("tenant", run.tenant().value()).param("key", run.idempotencyKey())
			.query((rs, n) -> {
				if (!run.requestHash().equals(rs.getString("request_hash"))) {
					throw new RampartException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "Run " + rs.getObject("id", UUID.class)
							+ " was created with this Idempotency-Key from a different request (another agent, input or option).");
				}
				return new Enqueued(rows.run(rs), false);
			})
			.optional();
	}

	public Optional<StoredRun> find(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select " + RunRows.RUN_COLUMNS
				+ " from runs where tenant_id = :tenant and id = :id")
			.param("tenant", tenant.value()).param("id", id)
			.query((rs, n) -> rows.run(rs))
			.optional());
	}

	/** The run, or {@code RESOURCE_NOT_FOUND}. */
	public StoredRun get(TenantId tenant, UUID id) {
		return find(tenant, id).orElseThrow(() -> notFound(id));
	}

	/**
	 * Runs newest first.
	 *
	 * @param status only runs with this status, or null
	 * @param target only runs of this agent (or workflow), or null
	 * @param after the {@code next} of the previous page, or null for the first
	 */
	public StoredRun.Page page(TenantId tenant, @Nullable String status, @Nullable UUID target, @Nullable UUID after,
			int limit) {
		List<StoredRun> items = transactions.inTenant(tenant, () -> jdbc.sql("select " + RunRows.RUN_COLUMNS
				+ " from runs where tenant_id = :tenant"
				+ (status == null ? "" : " and status = :status")
				+ (target == null ? "" : " and target_id = :target")
				+ (after == null ? "" : " and id < :after")
				+ " order by id desc limit :limit")
			.param("tenant", tenant.value()).param("status", status).param("target", target).param("after", after)
			.param("limit", limit + 1)
			.query((rs, n) -> rows.run(rs))
			.list());
		return items.size() > limit ? new StoredRun.Page(items.subList(0, limit), items.get(limit - 1).id())
				: new StoredRun.Page(items, null);
	}

	/** The run's steps in order. */
	public List<StoredRun.Step> steps(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> {
			requireRun(tenant, id);
			return jdbc.sql("select index, kind, name, status, input::text as input, output::text as output, attempt,"
					+ " started_at, ended_at from run_steps where tenant_id = :tenant and run_id = :id order by index")
				.param("tenant", tenant.value()).param("id", id)
				.query((rs, n) -> rows.step(rs))
				.list();
		});
	}

	/** The run's events after {@code afterSeq}, in order, at most {@code limit}. */
	public List<StoredRun.Event> events(TenantId tenant, UUID id, long afterSeq, int limit) {
		return transactions.inTenant(tenant, () -> {
			requireRun(tenant, id);
			return jdbc.sql("select seq, type, data::text as data, at from run_events where tenant_id = :tenant"
					+ " and run_id = :id and seq > :after order by seq limit :limit")
				.param("tenant", tenant.value()).param("id", id).param("after", afterSeq).param("limit", limit)
				.query((rs, n) -> rows.event(rs))
				.list();
		});
	}

	/**
	 * Cancels the run: a queued or waiting run at once ({@code cancelled}); a running one is asked to stop (its worker
	 * sees the request at its next model call or heartbeat and ends the run {@code cancelled}).
	 *
	 * @throws RampartException {@code RUN_FINISHED} when the run has already ended
	 */
	public StoredRun cancel(TenantId tenant, UUID id) {
		String status = transactions.inTenant(tenant, () -> {
			String current = jdbc.sql("select status from runs where tenant_id = :tenant and id = :id for update")
				.param("tenant", tenant.value()).param("id", id)
				.query(String.class).optional().orElseThrow(() -> notFound(id));
			Instant now = clock.instant();
			switch (current) {
				case "queued", "waiting" -> {
					jdbc.sql("update runs set status = 'cancelled', cancel_requested = true, ended_at = :now, updated_at = :now"
							+ " where tenant_id = :tenant and id = :id")
						.param("tenant", tenant.value()).param("id", id).param("now", RunRows.at(now))
						.update();
					jdbc.sql("insert into run_events (tenant_id, run_id, seq, type, data, at) select :tenant, :id,"
							+ " coalesce(max(seq), 0) + 1, 'run_cancelled', '{}', :now from run_events where tenant_id = :tenant"
							+ " and run_id = :id")
						.param("tenant", tenant.value()).param("id", id).param("now", RunRows.at(now))
						.update();
					published.appended(tenant, id, RunEventsAppended.UNKNOWN, true);
				}
				case "running", "compensating" -> {
					jdbc.sql("update runs set cancel_requested = true, updated_at = :now where tenant_id = :tenant and id = :id")
						.param("tenant", tenant.value()).param("id", id).param("now", RunRows.at(now))
						.update();
					jdbc.sql("select pg_notify('" + CHANNEL + "', :payload)").param("payload", "cancel:" + id)
						.query((rs, n) -> 1).list();
				}
				default -> throw new RampartException(ErrorCode.RUN_FINISHED, "The run ended with status '" + current + "'.");
			}
			return current;
		});
		if (status.equals("running") || status.equals("compensating")) {
			signals.cancel(id);
		}
		return get(tenant, id);
	}

	@Override
	public int activeRuns(TenantId tenant) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select count(*) from runs where tenant_id = :tenant"
				+ " and status in ('queued', 'running')")
			.param("tenant", tenant.value())
			.query(Integer.class).single());
	}

	@Override
	public boolean running(TenantId tenant, UUID agentId) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select exists (select 1 from runs where tenant_id = :tenant"
				+ " and target_id = :agent and kind = 'agent' and status in ('queued', 'running'))")
			.param("tenant", tenant.value()).param("agent", agentId)
			.query(Boolean.class).single());
	}

	private void requireRun(TenantId tenant, UUID id) {
		if (jdbc.sql("select 1 from runs where tenant_id = :tenant and id = :id").param("tenant", tenant.value())
			.param("id", id).query(Integer.class).optional().isEmpty()) {
			throw notFound(id);
		}
	}

	static RampartException notFound(UUID id) {
		return new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No run with id '" + id + "' in this tenant.");
	}
}
