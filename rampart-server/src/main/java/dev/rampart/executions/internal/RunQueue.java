package dev.rampart.executions.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTags;
import dev.rampart.shared.TenantTransactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The claim side of the run queue (docs/runs.md, "The queue"). A claim takes, in one transaction, a run whose lease
 * lapsed (its node died or stalled: crash recovery; a compensating run stays {@code compensating}), else a waiting run
 * whose deadline passed (its step takes the timeout path), or else the next queued run whose {@code not_before} (a
 * retry's backoff) has passed of the tenant with the fewest running
 * runs among those under the per-tenant cap (ties: the tenant whose next run is oldest), within the tenant by priority
 * then age, skipping a thread's run while an earlier run of its thread has not ended; the row is locked
 * {@code FOR UPDATE SKIP LOCKED}, so nodes never wait for each other. The claim writes the
 * lease (owner node, expiry) and raises the fencing token, which every later write of the run names.
 *
 * <p>The cap is read, not locked: two nodes claiming for one tenant at the same instant may each admit one run over
 * it. Lease expiry is compared with this node's clock, so nodes' clocks must agree to well within a lease.
 */
@Component
class RunQueue {

	private static final Logger log = LoggerFactory.getLogger(RunQueue.class);

	/**
	 * Whether the queued run {@code <alias>} may start as far as its thread goes: it has no thread, or every earlier run
	 * of its thread has ended (threads' {@code enqueue} policy: messages are answered in order). The thread index
	 * ({@code runs_thread}) answers it.
	 */
	private static String threadReady(String alias) {
		return "(" + alias + ".thread_id is null or not exists (select 1 from runs p where p.tenant_id = " + alias
				+ ".tenant_id and p.thread_id = " + alias + ".thread_id and p.id < " + alias + ".id"
				+ " and p.status in ('queued', 'running', 'waiting', 'compensating')))";
	}

	/**
	 * Tenants with a run ready to start, by a skip scan over the partial index, each with its running count and its next
	 * run's age. A tenant whose queued runs all wait behind their threads is left out, so it cannot crowd out others.
	 */
	static final String FAIREST_TENANTS = """
			with recursive queued (tenant_id) as (
				(select tenant_id from runs where status = 'queued' and (not_before is null or not_before <= :now)
					and %1$s
					order by tenant_id limit 1)
				union all
				select (select r.tenant_id from runs r where r.status = 'queued' and r.tenant_id > q.tenant_id
					and (r.not_before is null or r.not_before <= :now) and %2$s order by r.tenant_id limit 1)
				from queued q where q.tenant_id is not null
			), running as (
				select tenant_id, count(*) as n from runs where status = 'running' group by tenant_id
			)
			select q.tenant_id from queued q left join running r on r.tenant_id = q.tenant_id
			where q.tenant_id is not null and coalesce(r.n, 0) < :cap
			order by coalesce(r.n, 0), (select x.created_at from runs x where x.status = 'queued'
				and x.tenant_id = q.tenant_id and (x.not_before is null or x.not_before <= :now) and %3$s
				order by x.priority desc, x.created_at limit 1)
			limit 3""".formatted(threadReady("runs"), threadReady("r"), threadReady("x"));
	/** A tenant's next queued run that may start (see {@link #threadReady}). */
	static final String NEXT_OF_TENANT = "select id from runs where tenant_id = :tenant and status = 'queued'"
			+ " and (not_before is null or not_before <= :now) and " + threadReady("runs")
			+ " order by priority desc, created_at limit 1 for update skip locked";
	static final String LAPSED = "select tenant_id, id from runs where status = 'running' and lease_expires_at < :now"
			+ " order by lease_expires_at limit 1 for update skip locked";
	/** A compensating run whose node died: its saga goes on where the checkpoint says. */
	static final String LAPSED_COMPENSATING = "select tenant_id, id from runs where status = 'compensating'"
			+ " and lease_expires_at < :now order by lease_expires_at limit 1 for update skip locked";
	/** A waiting run whose step's timeout passed: claimed to take the step's timeout path. */
	static final String WAIT_DUE = "select tenant_id, id from runs where status = 'waiting' and wait_deadline <= :now"
			+ " order by wait_deadline limit 1 for update skip locked";

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final JsonMapper json;
	private final MeterRegistry meters;

	private final RunEventsPublisher published;

	RunQueue(JdbcClient jdbc, TenantTransactions transactions, Clock clock, JsonMapper json, MeterRegistry meters,
			RunEventsPublisher published) {
		this.meters = meters;
		this.published = published;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.json = json;
	}

	/** The next run for {@code node}, leased for {@code lease}; empty when none is ready (or all are locked). */
	Optional<ClaimedRun> claim(String node, Duration lease, int tenantCap) {
		return transactions.asSystem("claiming the next run of any tenant, fairly across tenants", () -> {
			Instant now = clock.instant();
			for (String query : List.of(LAPSED, LAPSED_COMPENSATING)) {
				Optional<Key> lapsed = key(query, now);
				if (lapsed.isPresent()) {
					return Optional.of(take(lapsed.get(), node, now, lease, true));
				}
			}
			Optional<Key> due = key(WAIT_DUE, now);
			if (due.isPresent()) {
				return Optional.of(take(due.get(), node, now, lease, false));
			}
			List<UUID> tenants = jdbc.sql(FAIREST_TENANTS).param("cap", tenantCap).param("now", RunRows.at(now))
				.query(UUID.class).list();
			for (UUID tenant : tenants) {
				Optional<UUID> id = jdbc.sql(NEXT_OF_TENANT).param("tenant", tenant).param("now", RunRows.at(now))
					.query(UUID.class).optional();
				if (id.isPresent()) {
					return Optional.of(take(new Key(new TenantId(tenant), id.get()), node, now, lease, false));
				}
			}
			return Optional.<ClaimedRun>empty();
		});
	}

	private Optional<Key> key(String query, Instant now) {
		return jdbc.sql(query).param("now", RunRows.at(now))
			.query((rs, n) -> new Key(new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getObject("id", UUID.class)))
			.optional();
	}

	private record Key(TenantId tenant, UUID id) {
	}

	private ClaimedRun take(Key key, String node, Instant now, Duration lease, boolean takeover) {
		RunRows rows = new RunRows(json);
		ClaimedRun claimed = jdbc.sql("""
				update runs set status = case when checkpoint ->> 'phase' = 'compensating' then 'compensating' else 'running' end,
					lease_owner = :node, lease_expires_at = :expires, not_before = null, wait_deadline = null,
					fencing_token = fencing_token + 1, attempt = attempt + 1, started_at = coalesce(started_at, :now),
					updated_at = :now
				where tenant_id = :tenant and id = :id
				returning kind, target_id, target_version, input::text as input, thread_id, user_id, created_by, attempt,
					fencing_token, replay_of, traceparent, created_at,
					(select coalesce(max(seq), 0) + 1 from run_events e where e.tenant_id = runs.tenant_id and e.run_id = runs.id)
						as next_seq,
					(select coalesce(max(index), 0) + 1 from run_steps s where s.tenant_id = runs.tenant_id and s.run_id = runs.id)
						as next_step""")
			.param("node", node).param("expires", RunRows.at(now.plus(lease))).param("now", RunRows.at(now))
			.param("tenant", key.tenant().value()).param("id", key.id())
			.query((rs, n) -> {
				if (rs.getInt("attempt") == 1) {
					waited(key.tenant(), Duration.between(rs.getTimestamp("created_at").toInstant(), now));
				}
				return new ClaimedRun(new Fence(key.tenant(), key.id(), rs.getLong("fencing_token")), rs.getString("kind"),
						rs.getObject("target_id", UUID.class), rs.getInt("target_version"), json.readTree(rs.getString("input")),
						rs.getString("thread_id"), rs.getString("user_id"), rs.getString("created_by"), rs.getInt("attempt"),
						rs.getLong("next_seq"), rs.getInt("next_step"), rs.getObject("replay_of", UUID.class),
						rs.getString("traceparent"));
			})
			.single();
		jdbc.sql("insert into run_events (tenant_id, run_id, seq, type, data, at) values (:tenant, :id, :seq, 'run_started',"
				+ " cast(:data as jsonb), :now)")
			.param("tenant", key.tenant().value()).param("id", key.id()).param("seq", claimed.nextSeq())
			.param("data", rows.text(Map.of("attempt", claimed.attempt(), "node", node, "takeover", takeover)))
			.param("now", RunRows.at(now))
			.update();
		published.appended(key.tenant(), key.id(), claimed.nextSeq(), false);
		return new ClaimedRun(claimed.fence(), claimed.kind(), claimed.targetId(), claimed.targetVersion(), claimed.input(),
				claimed.threadId(), claimed.userId(), claimed.principal(), claimed.attempt(), claimed.nextSeq() + 1,
				claimed.nextStep(), claimed.replayOf(), claimed.traceparent());
	}

	/** How long a run waited in the queue before its first claim, per tenant ({@link TenantTags}: bounded). */
	private void waited(TenantId tenant, Duration wait) {
		Timer.builder("rampart.runs.queue.wait")
			.description("How long runs waited in the queue before their first claim")
			.tag("tenant", TenantTags.of(tenant))
			.publishPercentileHistogram()
			.register(meters)
			.record(wait.isNegative() ? Duration.ZERO : wait);
	}

	/** What a heartbeat learnt about one run this node holds. */
	enum LeaseState {
		/** Extended. */
		HELD,
		/** Extended, and someone asked to cancel the run. */
		CANCEL_REQUESTED,
		/** Not extended: the token is stale or the run is no longer running. */
		LOST
	}

	/**
	 * How many leases one heartbeat statement extends: each chunk is its own short transaction, so a node with 10,000
	 * runs in flight neither holds 10,000 row locks for the whole heartbeat (blocking those runs' own step writes) nor
	 * loses every extension to one slow or failed statement.
	 */
	static final int EXTEND_CHUNK = 500;

	private static final String EXTEND = """
			update runs set lease_expires_at = :expires, updated_at = :now
			from jsonb_to_recordset(cast(:fences as jsonb)) as f(tenant_id uuid, id uuid, token bigint)
			where runs.tenant_id = f.tenant_id and runs.id = f.id and runs.fencing_token = f.token
				and runs.status in ('running', 'compensating')
			returning runs.id, runs.cancel_requested""";

	/**
	 * Extends the leases of the runs this node executes, each only if its token is still the run's: in chunks of
	 * {@link #EXTEND_CHUNK} runs, one statement and one transaction each. A chunk that fails is logged and its runs are
	 * left out of the answer (neither held nor lost: the next heartbeat tries again).
	 */
	Map<UUID, LeaseState> extend(Collection<Fence> fences, Duration lease) {
		if (fences.isEmpty()) {
			return Map.of();
		}
		long started = System.nanoTime();
		List<Fence> all = List.copyOf(fences);
		Map<UUID, LeaseState> states = new HashMap<>();
		int failed = 0;
		for (int from = 0; from < all.size(); from += EXTEND_CHUNK) {
			List<Fence> chunk = all.subList(from, Math.min(all.size(), from + EXTEND_CHUNK));
			try {
				states.putAll(extendChunk(chunk, lease));
			}
			catch (RuntimeException ex) {
				failed += chunk.size();
				log.warn("Could not extend the leases of {} runs ({}); trying again at the next heartbeat", chunk.size(),
						ex.toString());
			}
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		if (millis >= lease.toMillis() / 4) {
			log.warn("Extending {} leases took {} ms ({} not extended), a large part of the {} lease", all.size(), millis,
					failed, lease);
		}
		else {
			log.debug("Extended {} leases in {} ms ({} not extended)", all.size(), millis, failed);
		}
		return states;
	}

	private Map<UUID, LeaseState> extendChunk(List<Fence> chunk, Duration lease) {
		List<Map<String, Object>> rows = chunk.stream()
			.map(fence -> Map.<String, Object>of("tenant_id", fence.tenant().value(), "id", fence.runId(), "token",
					fence.token()))
			.toList();
		String text = json.writeValueAsString(rows);
		return transactions.asSystem("extending the leases of the runs this node executes", () -> {
			Instant now = clock.instant();
			Map<UUID, LeaseState> states = new HashMap<>();
			chunk.forEach(fence -> states.put(fence.runId(), LeaseState.LOST));
			jdbc.sql(EXTEND).param("expires", RunRows.at(now.plus(lease))).param("now", RunRows.at(now))
				.param("fences", text)
				.query((rs, n) -> states.put(rs.getObject("id", UUID.class),
						rs.getBoolean("cancel_requested") ? LeaseState.CANCEL_REQUESTED : LeaseState.HELD))
				.list();
			return states;
		});
	}
}
