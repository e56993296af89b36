package dev.rampart.executions.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rampart.executions.events.RunEventsAppended;
import dev.rampart.executions.events.RunStatusChanged;
import dev.rampart.shared.TenantTransactions;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fenced writes of a run in flight (docs/runs.md, "Fencing"): each is one transaction that first updates the run's
 * row where the fencing token is still the holder's (which also locks the row against a takeover in between), then
 * appends the events and steps; with 0 rows updated nothing is written and {@link StaleFenceException} is thrown.
 * Each transition is a single statement (data-modifying CTEs) sent with the tenant's binding in one round trip and
 * committed with it (docs/runs.md, "Fencing"; docs/BENCHMARKS.md, "Durable runs"): the step transition is the
 * engine's hot path. After each transition has committed, {@link RunEventsAppended} tells live delivery the log grew.
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

	/** The steps and events of a transition, inserted only for the run row the fenced update returned. */
	private static final String APPEND = """
			), s as (
				insert into run_steps (tenant_id, run_id, index, kind, name, status, input, output, attempt, started_at, ended_at)
				select r.tenant_id, r.id, x.index, x.kind, x.name, x.status, x.input, x.output, x.attempt, x.started_at,
					x.ended_at
				from r cross join jsonb_to_recordset(cast(? as jsonb)) as x(index integer, kind text, name text, status text,
					input jsonb, output jsonb, attempt integer, started_at timestamptz, ended_at timestamptz)
			), e as (
				insert into run_events (tenant_id, run_id, seq, type, data, at)
				select r.tenant_id, r.id, x.seq, x.type, x.data, x.at
				from r cross join jsonb_to_recordset(cast(? as jsonb)) as x(seq bigint, type text, data jsonb, at timestamptz)
			)
			""";
	private static final String FENCE = """
			where tenant_id = ? and id = ? and fencing_token = ? and status in ('running', 'compensating')
			returning tenant_id, id""";
	private static final String CHECKPOINT = ", checkpoint = (checkpoint - array(select jsonb_array_elements_text(cast(? as jsonb))))"
			+ " || cast(? as jsonb)";
	private static final String COUNT = "select count(*) from r";
	/** Queued again at once (no backoff): any node may claim it now, so wake them; only if the write went through. */
	private static final String COUNT_AND_WAKE = "select count(*), case when count(*) > 0 then pg_notify('" + JdbcRuns.CHANNEL
			+ "', 'wake')::text end from r";

	private static final String ADVANCE = "update runs set updated_at = ?, status = coalesce(?, status)";
	private static final String FINISH = """
			update runs set status = ?, output = cast(? as jsonb), outcome = cast(? as jsonb), usage = cast(? as jsonb),
				error = cast(? as jsonb), lease_owner = null, lease_expires_at = null, ended_at = ?, updated_at = ?""";
	private static final String SUSPEND = """
			update runs set status = ?, not_before = ?, wait_deadline = ?, lease_owner = null, lease_expires_at = null,
				updated_at = ?""";

	private final TenantTransactions transactions;
	private final Clock clock;
	private final JsonMapper json;
	private final RunRows rows;
	private final ApplicationEventPublisher publisher;
	private final RunTelemetry telemetry;
	private final RunEventsPublisher published;

	RunJournal(TenantTransactions transactions, Clock clock, JsonMapper json, ApplicationEventPublisher publisher,
			RunTelemetry telemetry, RunEventsPublisher published) {
		this.publisher = publisher;
		this.transactions = transactions;
		this.telemetry = telemetry;
		this.published = published;
		this.clock = clock;
		this.json = json;
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
		Instant now = clock.instant();
		write(fence, ADVANCE, delta, events, steps, false, false, (statement, i) -> {
			statement.setObject(i++, RunRows.at(now));
			statement.setString(i++, status);
			return i;
		});
	}

	/**
	 * Writes the run's result and status with its last events and steps, and gives up the lease; then publishes
	 * {@link RunStatusChanged} naming {@code principal}, who created the run.
	 */
	void finish(Fence fence, String principal, Ending ending, List<Event> events, List<Step> steps) {
		finish(fence, principal, ending, Delta.NONE, events, steps);
	}

	/** {@link #finish(Fence, String, Ending, List, List)} with the checkpoint's last changes. */
	void finish(Fence fence, String principal, Ending ending, Delta delta, List<Event> events, List<Step> steps) {
		Instant now = clock.instant();
		boolean ended = !ending.status().equals("waiting");
		write(fence, FINISH, delta, events, steps, false, ended, (statement, i) -> {
			statement.setString(i++, ending.status());
			statement.setString(i++, rows.text(ending.output()));
			statement.setString(i++, rows.text(ending.outcome()));
			statement.setString(i++, rows.text(ending.usage()));
			statement.setString(i++, rows.text(ending.error()));
			setInstant(statement, i++, ended ? now : null);
			statement.setObject(i++, RunRows.at(now));
			return i;
		});
		telemetry.ended(fence, ending.status(), ending.error());
		publisher.publishEvent(new RunStatusChanged(fence.tenant(), fence.runId(), ending.status(), principal, now));
	}

	/**
	 * Gives up the lease of a run that goes on later, with its transition: {@code queued} until {@code notBefore} (a
	 * step's next attempt after its backoff) or {@code waiting} for a person until {@code waitDeadline} (null: no
	 * timeout). No worker holds the run meanwhile. Then publishes {@link RunStatusChanged} naming {@code principal}.
	 */
	void suspend(Fence fence, String principal, String status, @Nullable Instant notBefore, @Nullable Instant waitDeadline, Delta delta,
			List<Event> events, List<Step> steps) {
		Instant now = clock.instant();
		write(fence, SUSPEND, delta, events, steps, status.equals("queued") && notBefore == null, false, (statement, i) -> {
			statement.setString(i++, status);
			setInstant(statement, i++, notBefore);
			setInstant(statement, i++, waitDeadline);
			statement.setObject(i++, RunRows.at(now));
			return i;
		});
		telemetry.ended(fence, status, null);
		publisher.publishEvent(new RunStatusChanged(fence.tenant(), fence.runId(), status, principal, now));
	}

	/** Sets the parameters of an update's {@code set} list from {@code first}; answers the next index. */
	@FunctionalInterface
	private interface Assignments {
		int set(PreparedStatement statement, int first) throws SQLException;
	}

	/**
	 * One transition as one statement and one transaction, sent in one round trip with the tenant's binding
	 * ({@link TenantTransactions#inTenantAtOnce}): the fenced update of the run ({@code update}'s assignments, the
	 * checkpoint's changes), then the steps and events, inserted from the updated row only. With a stale token the update
	 * returns no row, so nothing is inserted, and the count of 0 throws {@link StaleFenceException}.
	 */
	private void write(Fence fence, String update, Delta delta, List<Event> events, List<Step> steps, boolean wake,
			boolean ends, Assignments assignments) {
		String sql = "with r as (\n" + update + (delta.empty() ? "" : CHECKPOINT) + "\n" + FENCE + "\n" + APPEND
				+ (wake ? COUNT_AND_WAKE : COUNT);
		String stepRows = json.writeValueAsString(steps.stream().map(RunJournal::stepRow).toList());
		String eventRows = json.writeValueAsString(events.stream().map(RunJournal::eventRow).toList());
		long updated = transactions.inTenantAtOnce(fence.tenant(), sql, (statement, first) -> {
			int i = assignments.set(statement, first);
			if (!delta.empty()) {
				statement.setString(i++, rows.text(delta.remove()));
				statement.setString(i++, rows.text(delta.set()));
			}
			statement.setObject(i++, fence.tenant().value());
			statement.setObject(i++, fence.runId());
			statement.setLong(i++, fence.token());
			statement.setString(i++, stepRows);
			statement.setString(i, eventRows);
		}, rs -> rs.next() ? rs.getLong(1) : 0);
		if (updated == 0) {
			throw new StaleFenceException(fence);
		}
		if (!events.isEmpty() || ends) {
			published.appended(fence.tenant(), fence.runId(),
					events.isEmpty() ? RunEventsAppended.UNKNOWN : events.getLast().seq(), ends,
					events.stream().map(e -> new RunEventsAppended.Written(e.seq(), e.type(), e.data(), e.at())).toList());
		}
	}

	/** Model tokens a step streams: published for live viewers only, never stored. */
	void tokens(Fence fence, String text) {
		published.tokens(fence.tenant(), fence.runId(), text);
	}

	private static Map<String, @Nullable Object> stepRow(Step step) {
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		row.put("index", step.index());
		row.put("kind", step.kind());
		row.put("name", step.name());
		row.put("status", step.status());
		row.put("input", step.input());
		row.put("output", step.output());
		row.put("attempt", step.attempt());
		row.put("started_at", step.startedAt().toString());
		row.put("ended_at", step.endedAt() == null ? null : step.endedAt().toString());
		return row;
	}

	private static Map<String, Object> eventRow(Event event) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("seq", event.seq());
		row.put("type", event.type());
		row.put("data", event.data());
		row.put("at", event.at().toString());
		return row;
	}

	private static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant) throws SQLException {
		if (instant == null) {
			statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
		}
		else {
			statement.setObject(index, RunRows.at(instant));
		}
	}
}
