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
		transactions.inTenant(fence.tenant(), () -> {
			int updated = jdbc.sql("update runs set updated_at = :now where tenant_id = :tenant and id = :id"
					+ " and fencing_token = :token and status = 'running'")
				.param("now", RunRows.at(clock.instant())).param("tenant", fence.tenant().value()).param("id", fence.runId())
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
		transactions.inTenant(fence.tenant(), () -> {
			Instant now = clock.instant();
			boolean ended = !ending.status().equals("waiting");
			int updated = jdbc.sql("""
					update runs set status = :status, output = cast(:output as jsonb), outcome = cast(:outcome as jsonb),
						usage = cast(:usage as jsonb), error = cast(:error as jsonb), lease_owner = null, lease_expires_at = null,
						ended_at = :ended, updated_at = :now
					where tenant_id = :tenant and id = :id and fencing_token = :token and status = 'running'""")
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
