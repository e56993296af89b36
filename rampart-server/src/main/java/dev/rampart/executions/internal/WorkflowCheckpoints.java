package dev.rampart.executions.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.executions.events.RunEventsAppended;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.schema.JsonSchemas;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The durable state of workflow runs (docs/runs.md, "Workflow runs"): what a worker loads when it claims one (the
 * checkpoint and the recorded step rows, whose outputs are the run's memo), and the two changes a person makes to a run
 * no worker holds — the answer that resumes a waiting run, and the retry of a failed one from its failed step.
 */
@Component
public class WorkflowCheckpoints {

	/**
	 * One recorded workflow step row.
	 *
	 * @param key the step's key: its id under the prefixes of loops, maps, sub-workflows and compensations
	 * @param status {@code succeeded}, {@code skipped}, {@code timed_out}, {@code failed} or {@code retrying}
	 * @param value the step's output (JSON null when it has none)
	 * @param next where the path went on after it, null where it ended
	 * @param meta the row's input: step id, attempt, compensation step, the workflow version it belongs to
	 */
	record Recorded(int index, String key, String status, JsonNode value, @Nullable String next, JsonNode meta) {

		boolean completed() {
			return status.equals("succeeded") || status.equals("skipped") || status.equals("timed_out");
		}
	}

	/** What a claim of a workflow run loads. */
	record Loaded(JsonNode checkpoint, List<Recorded> steps) {
	}

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final RunSignals signals;
	private final JsonSchemas schemas;
	private final Clock clock;
	private final RunRows rows;

	private final RunEventsPublisher published;

	WorkflowCheckpoints(JdbcClient jdbc, TenantTransactions transactions, RunSignals signals, JsonSchemas schemas,
			Clock clock, JsonMapper json, RunEventsPublisher published) {
		this.published = published;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.signals = signals;
		this.schemas = schemas;
		this.clock = clock;
		this.rows = new RunRows(json);
	}

	Loaded load(Fence fence) {
		return transactions.inTenant(fence.tenant(), () -> {
			JsonNode checkpoint = jdbc.sql("select checkpoint::text from runs where tenant_id = :tenant and id = :id")
				.param("tenant", fence.tenant().value()).param("id", fence.runId())
				.query((rs, n) -> rows.tree(rs.getString(1))).single();
			List<Recorded> steps = jdbc.sql("select index, name, status, input::text as input, output::text as output"
					+ " from run_steps where tenant_id = :tenant and run_id = :id"
					// the model and tool calls recorded inside agent and tool steps are RunTapes', not the memo's
					+ " and kind not in ('model_call', 'tool_call') order by index")
				.param("tenant", fence.tenant().value()).param("id", fence.runId())
				.query((rs, n) -> {
					JsonNode output = rows.tree(rs.getString("output"));
					JsonNode input = rows.tree(rs.getString("input"));
					JsonNode value = output == null || output.get("value") == null ? NullNode.getInstance() : output.get("value");
					JsonNode next = output == null ? null : output.get("next");
					return new Recorded(rs.getInt("index"), rs.getString("name"), rs.getString("status"), value,
							next == null || next.isNull() ? null : next.asString(),
							input == null ? JsonNodeFactory.instance.objectNode() : input);
				})
				.list();
			return new Loaded(checkpoint == null ? JsonNodeFactory.instance.objectNode() : checkpoint, steps);
		});
	}

	/**
	 * Answers the step a waiting workflow run waits on and queues the run again: an approval with {@code approved}, a
	 * wait step with {@code input} (checked against the step's input schema).
	 *
	 * @throws RampartException {@code RUN_NOT_WAITING} unless the run waits; {@code VALIDATION_FAILED} for an answer
	 *     that does not fit the step
	 */
	public StoredRun resume(TenantId tenant, UUID id, @Nullable Boolean approved, @Nullable JsonNode input,
			JdbcRuns runs) {
		transactions.inTenant(tenant, () -> {
			Map<String, @Nullable Object> run = lockedRun(tenant, id);
			if ("waiting".equals(run.get("status")) && "agent".equals(run.get("kind"))) {
				answerAgentRun(tenant, id, run, approved);
				return;
			}
			JsonNode checkpoint = rows.tree((String) run.get("checkpoint"));
			JsonNode waiting = checkpoint == null ? null : checkpoint.get(Checkpoint.WAITING);
			if (!"waiting".equals(run.get("status")) || !"workflow".equals(run.get("kind")) || waiting == null) {
				throw new RampartException(ErrorCode.RUN_NOT_WAITING, "The run has status '" + run.get("status") + "'"
						+ ".");
			}
			String stepKind = waiting.path("kind").asString();
			if (stepKind.equals("approval") && approved == null) {
				throw new InvalidFieldsException("approved", "must be true or false to answer an approval step");
			}
			if (stepKind.equals("wait")) {
				JsonNode schema = waiting.get("inputSchema");
				if (input == null) {
					throw new InvalidFieldsException("input", "is required to answer a wait step");
				}
				if (schema != null && !schema.isNull()) {
					List<FieldProblem> problems = schemas.compile(schema).violations(input);
					if (!problems.isEmpty()) {
						throw new InvalidFieldsException(problems.stream()
							.map(p -> new FieldProblem("input" + (p.field().equals("(root)") ? "" : "." + p.field()), p.message()))
							.toList());
					}
				}
			}
			ObjectNode answer = JsonNodeFactory.instance.objectNode();
			if (approved != null) {
				answer.put("approved", approved);
			}
			answer.set("input", input == null ? NullNode.getInstance() : input);
			ObjectNode set = JsonNodeFactory.instance.objectNode();
			set.set("answer:" + waiting.path("key").asString(), answer);
			Instant now = clock.instant();
			jdbc.sql("update runs set status = 'queued', wait_deadline = null, updated_at = :now,"
					+ " checkpoint = (checkpoint - 'waiting') || cast(:set as jsonb) where tenant_id = :tenant and id = :id")
				.param("now", RunRows.at(now)).param("set", rows.text(set)).param("tenant", tenant.value()).param("id", id)
				.update();
			event(tenant, id, "run_resumed", Map.of("step", waiting.path("key").asString(), "approved",
					approved == null ? "" : approved), now);
			notifyWorkers();
		});
		signals.wake();
		return runs.get(tenant, id);
	}

	/**
	 * Answers a waiting agent run: the tools its step waits for ({@code outcome.pending.approvalRequired}) are approved
	 * or refused together, the answer goes into the checkpoint ({@code approvals}, kept across later waits), and the run
	 * is queued again. Its step starts over with the answer: the model's round that asked for the tools is sent again,
	 * and the approved calls run (their idempotency keys follow the run, round and call).
	 */
	private void answerAgentRun(TenantId tenant, UUID id, Map<String, @Nullable Object> run, @Nullable Boolean approved) {
		if (approved == null) {
			throw new InvalidFieldsException("approved", "must be true or false to answer a tool approval");
		}
		JsonNode outcome = rows.tree((String) run.get("outcome"));
		String pending = outcome == null ? "" : outcome.path("pending").path("approvalRequired").asString("");
		ObjectNode approvals = JsonNodeFactory.instance.objectNode();
		JsonNode checkpoint = rows.tree((String) run.get("checkpoint"));
		if (checkpoint != null && checkpoint.get(Checkpoint.APPROVALS) instanceof ObjectNode earlier) {
			approvals.setAll(earlier);
		}
		for (String tool : pending.split(",")) {
			if (!tool.isBlank()) {
				approvals.put(tool.strip(), approved);
			}
		}
		ObjectNode set = JsonNodeFactory.instance.objectNode();
		set.set(Checkpoint.APPROVALS, approvals);
		Instant now = clock.instant();
		jdbc.sql("update runs set status = 'queued', updated_at = :now, checkpoint = coalesce(checkpoint, '{}'::jsonb)"
				+ " || cast(:set as jsonb) where tenant_id = :tenant and id = :id")
			.param("now", RunRows.at(now)).param("set", rows.text(set)).param("tenant", tenant.value()).param("id", id)
			.update();
		event(tenant, id, "run_resumed", Map.of("tools", pending, "approved", approved), now);
		notifyWorkers();
	}

	/** The answers a person gave to an agent run's tool approvals, by tool name (empty before any). */
	Map<String, Boolean> approvals(Fence fence) {
		JsonNode approvals = load(fence).checkpoint().get(Checkpoint.APPROVALS);
		Map<String, Boolean> answers = new LinkedHashMap<>();
		if (approvals != null) {
			approvals.properties().forEach(entry -> answers.put(entry.getKey(), entry.getValue().asBoolean()));
		}
		return answers;
	}

	/**
	 * Queues a failed workflow run again from its failed step: the outputs of completed steps are kept, final failures
	 * and attempt counters are cleared, and the retry epoch is raised (failed steps get new idempotency keys).
	 *
	 * @throws RampartException {@code RUN_NOT_RETRIABLE} unless the run is a failed workflow run that no saga touched
	 */
	public StoredRun retry(TenantId tenant, UUID id, JdbcRuns runs) {
		transactions.inTenant(tenant, () -> {
			Map<String, @Nullable Object> run = lockedRun(tenant, id);
			JsonNode checkpoint = rows.tree((String) run.get("checkpoint"));
			if (!"failed".equals(run.get("status")) || !"workflow".equals(run.get("kind"))
					|| (checkpoint != null && checkpoint.has(Checkpoint.PHASE))) {
				throw new RampartException(ErrorCode.RUN_NOT_RETRIABLE, "The run is a " + run.get("kind") + " run with status '"
						+ run.get("status") + "'" + (checkpoint != null && checkpoint.has(Checkpoint.PHASE)
								? " whose completed steps were compensated." : "."));
			}
			int epoch = checkpoint == null || checkpoint.get(Checkpoint.EPOCH) == null ? 0
					: checkpoint.get(Checkpoint.EPOCH).asInt();
			Instant now = clock.instant();
			jdbc.sql("""
					update runs set status = 'queued', error = null, output = null, ended_at = null, not_before = null,
						cancel_requested = false, updated_at = :now,
						checkpoint = jsonb_build_object('epoch', :epoch) || coalesce((select jsonb_object_agg(key, value)
							from jsonb_each(checkpoint) where key not like 'failure:%' and key not like 'attempt:%'
								and key <> 'epoch'), '{}')
					where tenant_id = :tenant and id = :id""")
				.param("now", RunRows.at(now)).param("epoch", epoch + 1).param("tenant", tenant.value()).param("id", id)
				.update();
			event(tenant, id, "run_retried", Map.of("epoch", epoch + 1), now);
			notifyWorkers();
		});
		signals.wake();
		return runs.get(tenant, id);
	}

	/** The run's kind, status, checkpoint and outcome (the last two may be null), locked. */
	private Map<String, @Nullable Object> lockedRun(TenantId tenant, UUID id) {
		return jdbc.sql("select kind, status, checkpoint::text as checkpoint, outcome::text as outcome from runs"
				+ " where tenant_id = :tenant and id = :id for update")
			.param("tenant", tenant.value()).param("id", id)
			.query((rs, n) -> {
				Map<String, @Nullable Object> run = new LinkedHashMap<>();
				run.put("kind", rs.getString("kind"));
				run.put("status", rs.getString("status"));
				run.put("checkpoint", rs.getString("checkpoint"));
				run.put("outcome", rs.getString("outcome"));
				return run;
			})
			.optional().orElseThrow(() -> JdbcRuns.notFound(id));
	}

	private void event(TenantId tenant, UUID id, String type, Map<String, ?> data, Instant now) {
		jdbc.sql("insert into run_events (tenant_id, run_id, seq, type, data, at) select :tenant, :id,"
				+ " coalesce(max(seq), 0) + 1, :type, cast(:data as jsonb), :now from run_events where tenant_id = :tenant"
				+ " and run_id = :id")
			.param("tenant", tenant.value()).param("id", id).param("type", type).param("data", rows.text(data))
			.param("now", RunRows.at(now))
			.update();
		published.appended(tenant, id, RunEventsAppended.UNKNOWN, false);
	}

	private void notifyWorkers() {
		jdbc.sql("select pg_notify('" + JdbcRuns.CHANNEL + "', 'wake')").query((rs, n) -> 1).list();
	}
}
