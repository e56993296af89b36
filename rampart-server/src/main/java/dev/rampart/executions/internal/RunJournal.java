package dev.rampart.executions.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.rampart.shared.TenantTransactions;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fenced writes of a run in flight (docs/runs.md, "Fencing"): each is one transaction that first updates the run's
 * row where the fencing token is still the holder's (which also locks the row against a takeover in between), then
 * appends the events and steps; with 0 rows updated nothing is written and {@link StaleFenceException} is thrown.
 */
@Component
class RunJournal {

	/** An event to append; {@code seq} continues the run's log without gaps. */
	record Event(long seq, String type, Map<String, ?> data, Instant at) {
	}

	/** A step to record (a model call, a tool call). */
	record Step(int index, String kind, @Nullable String name, String status, @Nullable Map<String, ?> input,
			@Nullable Map<String, ?> output, int attempt, Instant startedAt, @Nullable Instant endedAt) {
	}

	/**
	 * How a run ends this attempt.
	 *
	 * @param status {@code succeeded}, {@code failed}, {@code waiting} or {@code cancelled}
	 */
	record Ending(String status, @Nullable Object output, @Nullable Object outcome, @Nullable Object usage,
			@Nullable Object error) {
	}

	/**
	 * What a workflow step transition changes in the run's checkpoint: the keys it sets and the keys it removes, nothing
	 * else (the stored checkpoint is merged, not rewritten).
	 */
	record Delta(Map<String, ?> set, List<String> remove) {

		static final Delta NONE = new Delta(Map.of(), List.of());

		boolean empty() {
			return set.isEmpty() && remove.isEmpty();
		}
	}

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final RunRows rows;

	RunJournal(JdbcClient jdbc, TenantTransactions transactions, Clock clock, JsonMapper json) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.rows = new RunRows(json);
	}

	/** Appends events and steps of a run that goes on. */
	void record(Fence fence, List<Event> events, List<Step> steps) {
		advance(fence, null, Delta.NONE, events, steps);
	}

	/**
	 * A transition of a run that goes on: its events and steps with the checkpoint's changes, and optionally a new status
	 * ({@code compensating} when a saga starts), in one fenced transaction.
	 */
	void advance(Fence fence, @Nullable String status, Delta delta, List<Event> events, List<Step> steps) {
		transactions.inTenant(fence.tenant(), () -> {
			int updated = jdbc.sql("update runs set updated_at = :now, status = coalesce(:status, status),"
					+ " checkpoint = (checkpoint - array(select jsonb_array_elements_text(cast(:remove as jsonb))))"
					+ " || cast(:set as jsonb)"
					+ " where tenant_id = :tenant and id = :id and fencing_token = :token and status in ('running', 'compensating')")
				.param("now", RunRows.at(clock.instant())).param("status", status).param("remove", rows.text(delta.remove()))
				.param("set", rows.text(delta.set())).param("tenant", fence.tenant().value()).param("id", fence.runId())
				.param("token", fence.token())
				.update();
			if (updated == 0) {
				throw new StaleFenceException(fence);
			}
			append(fence, events, steps);
		});
	}

	/** Writes the run's result and status with its last events and steps, and gives up the lease. */
	void finish(Fence fence, Ending ending, List<Event> events, List<Step> steps) {
		finish(fence, ending, Delta.NONE, events, steps);
	}

	/** {@link #finish(Fence, Ending, List, List)} with the checkpoint's last changes. */
	void finish(Fence fence, Ending ending, Delta delta, List<Event> events, List<Step> steps) {
		transactions.inTenant(fence.tenant(), () -> {
			Instant now = clock.instant();
			boolean ended = !ending.status().equals("waiting");
			int updated = jdbc.sql("""
					update runs set status = :status, output = cast(:output as jsonb), outcome = cast(:outcome as jsonb),
						usage = cast(:usage as jsonb), error = cast(:error as jsonb), lease_owner = null, lease_expires_at = null,
						ended_at = :ended, updated_at = :now,
						checkpoint = (checkpoint - array(select jsonb_array_elements_text(cast(:remove as jsonb))))
							|| cast(:set as jsonb)
					where tenant_id = :tenant and id = :id and fencing_token = :token
						and status in ('running', 'compensating')""")
				.param("remove", rows.text(delta.remove())).param("set", rows.text(delta.set()))
				.param("status", ending.status()).param("output", rows.text(ending.output()))
				.param("outcome", rows.text(ending.outcome())).param("usage", rows.text(ending.usage()))
				.param("error", rows.text(ending.error())).param("ended", ended ? RunRows.at(now) : null)
				.param("now", RunRows.at(now)).param("tenant", fence.tenant().value()).param("id", fence.runId())
				.param("token", fence.token())
				.update();
			if (updated == 0) {
				throw new StaleFenceException(fence);
			}
			append(fence, events, steps);
		});
	}

	/**
	 * Gives up the lease of a run that goes on later, with its transition: {@code queued} until {@code notBefore} (a
	 * step's next attempt after its backoff) or {@code waiting} for a person until {@code waitDeadline} (null: no
	 * timeout). No worker holds the run meanwhile.
	 */
	void suspend(Fence fence, String status, @Nullable Instant notBefore, @Nullable Instant waitDeadline, Delta delta,
			List<Event> events, List<Step> steps) {
		transactions.inTenant(fence.tenant(), () -> {
			int updated = jdbc.sql("""
					update runs set status = :status, not_before = :notBefore, wait_deadline = :deadline, lease_owner = null,
						lease_expires_at = null, updated_at = :now,
						checkpoint = (checkpoint - array(select jsonb_array_elements_text(cast(:remove as jsonb))))
							|| cast(:set as jsonb)
					where tenant_id = :tenant and id = :id and fencing_token = :token
						and status in ('running', 'compensating')""")
				.param("status", status).param("notBefore", notBefore == null ? null : RunRows.at(notBefore))
				.param("deadline", waitDeadline == null ? null : RunRows.at(waitDeadline))
				.param("now", RunRows.at(clock.instant())).param("remove", rows.text(delta.remove()))
				.param("set", rows.text(delta.set())).param("tenant", fence.tenant().value()).param("id", fence.runId())
				.param("token", fence.token())
				.update();
			if (updated == 0) {
				throw new StaleFenceException(fence);
			}
			append(fence, events, steps);
			if (status.equals("queued") && notBefore == null) {
				// queued again at once (no backoff): any node may claim it now
				jdbc.sql("select pg_notify('" + JdbcRuns.CHANNEL + "', 'wake')").query((rs, n) -> 1).list();
			}
		});
	}

	private void append(Fence fence, List<Event> events, List<Step> steps) {
		for (Step step : steps) {
			jdbc.sql("""
					insert into run_steps (tenant_id, run_id, index, kind, name, status, input, output, attempt, started_at, ended_at)
					values (:tenant, :id, :index, :kind, :name, :status, cast(:input as jsonb), cast(:output as jsonb), :attempt,
						:started, :ended)""")
				.param("tenant", fence.tenant().value()).param("id", fence.runId()).param("index", step.index())
				.param("kind", step.kind()).param("name", step.name()).param("status", step.status())
				.param("input", rows.text(step.input())).param("output", rows.text(step.output()))
				.param("attempt", step.attempt()).param("started", RunRows.at(step.startedAt()))
				.param("ended", step.endedAt() == null ? null : RunRows.at(step.endedAt()))
				.update();
		}
		for (Event event : events) {
			jdbc.sql("insert into run_events (tenant_id, run_id, seq, type, data, at) values (:tenant, :id, :seq, :type,"
					+ " cast(:data as jsonb), :at)")
				.param("tenant", fence.tenant().value()).param("id", fence.runId()).param("seq", event.seq())
				.param("type", event.type()).param("data", rows.text(event.data())).param("at", RunRows.at(event.at()))
				.update();
		}
	}
}
