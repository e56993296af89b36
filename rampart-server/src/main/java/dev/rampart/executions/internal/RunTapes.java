package dev.rampart.executions.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.agents.StepRecord;
import dev.rampart.agents.StepTape;
import dev.rampart.shared.TenantTransactions;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads a run's recorded model calls and tool calls ({@link StepRecords}) as tapes (docs/runs.md, "Recording and
 * replay"): for a replay, the original run's record, strict (what it lacks is a divergence); for a run claimed again
 * (attempt 2 and more: a lapsed lease, a resume), its own earlier attempts' record, lenient (the step goes on live after
 * it). Where attempts recorded the same place twice, the later row wins; rows marked {@code incomplete} are left out.
 */
@Component
class RunTapes {

	/** Recorded calls by scope (the agent step within the run), and the run's output. */
	static final class Tapes {

		static final Tapes NONE = new Tapes(Map.of(), false, null, null);

		private final Map<String, Scope> scopes;
		private final boolean strict;
		private final @Nullable UUID source;
		private final @Nullable JsonNode output;

		Tapes(Map<String, Scope> scopes, boolean strict, @Nullable UUID source, @Nullable JsonNode output) {
			this.scopes = scopes;
			this.strict = strict;
			this.source = source;
			this.output = output;
		}

		/** The tape of one agent step (or workflow tool step): empty scope for an agent run. */
		StepTape scope(String scope) {
			if (source == null) {
				return StepTape.LIVE;
			}
			Scope recorded = scopes.getOrDefault(scope, new Scope());
			String where = "the record of run " + source + (scope.isEmpty() ? "" : " (step " + scope + ")");
			return new StepTape() {
				@Override
				public StepRecord.@Nullable ModelResponse model(int round) {
					return recorded.models.get(round);
				}

				@Override
				public StepRecord.@Nullable ToolResult tool(int round, int position) {
					return recorded.tools.get(round + ":" + position);
				}

				@Override
				public boolean strict() {
					return strict;
				}

				@Override
				public String describe() {
					return where;
				}
			};
		}

		boolean strict() {
			return strict;
		}

		/** The recorded run's output (a replay compares its own with it). */
		@Nullable JsonNode output() {
			return output;
		}
	}

	/** One scope's recorded calls: model responses by round, tool results by round and position. */
	static final class Scope {
		final Map<Integer, StepRecord.ModelResponse> models = new HashMap<>();
		final Map<String, StepRecord.ToolResult> tools = new HashMap<>();
	}

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final RunRows rows;

	RunTapes(JdbcClient jdbc, TenantTransactions transactions, JsonMapper json) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.rows = new RunRows(json);
	}

	/**
	 * The tapes a claim of {@code run} answers from: the original's (strict) for a replay, its own earlier attempts'
	 * (lenient) for a run claimed again, none for a first claim.
	 */
	Tapes forClaim(ClaimedRun run) {
		if (run.replayOf() != null) {
			return load(run.fence(), run.replayOf(), true);
		}
		if (run.attempt() >= 2) {
			return load(run.fence(), run.fence().runId(), false);
		}
		return Tapes.NONE;
	}

	private Tapes load(Fence fence, UUID source, boolean strict) {
		return transactions.inTenant(fence.tenant(), () -> {
			JsonNode output = jdbc.sql("select output::text from runs where tenant_id = :tenant and id = :id")
				.param("tenant", fence.tenant().value()).param("id", source)
				.query((rs, n) -> rows.tree(rs.getString(1))).optional().orElse(null);
			Map<String, Scope> scopes = new HashMap<>();
			List<Object[]> recorded = jdbc.sql("select kind, name, status, input::text, output::text from run_steps"
					+ " where tenant_id = :tenant and run_id = :id and kind in ('model_call', 'tool_call') order by index")
				.param("tenant", fence.tenant().value()).param("id", source)
				.query((rs, n) -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3),
						rows.tree(rs.getString(4)), rows.tree(rs.getString(5)) })
				.list();
			for (Object[] row : recorded) {
				add(scopes, (String) row[0], (String) row[1], (String) row[2], (JsonNode) row[3], (JsonNode) row[4]);
			}
			return new Tapes(scopes, strict, source, output);
		});
	}

	private static void add(Map<String, Scope> scopes, String kind, String name, String status, @Nullable JsonNode input,
			@Nullable JsonNode output) {
		if (input == null || output == null || output.path("incomplete").asBoolean(false)) {
			return;
		}
		Scope scope = scopes.computeIfAbsent(input.path("scope").asString(""), key -> new Scope());
		int round = input.path("round").asInt();
		if (kind.equals("model_call") && output.has("text")) {
			List<StepRecord.Call> calls = new ArrayList<>();
			for (JsonNode call : output.path("calls")) {
				calls.add(new StepRecord.Call(call.path("id").asString(), call.path("name").asString(),
						call.path("arguments").asString()));
			}
			int slash = name.indexOf('/');
			scope.models.put(round, new StepRecord.ModelResponse(round, output.path("text").asString(), calls,
					output.path("finishReason").isNull() ? null : output.path("finishReason").asString(null),
					output.path("inputTokens").asInt(), output.path("outputTokens").asInt(),
					slash < 0 ? name : name.substring(0, slash), slash < 0 ? "" : name.substring(slash + 1), true));
		}
		else if (kind.equals("tool_call") && output.has("output") && input.has("arguments")) {
			int position = input.path("position").asInt();
			scope.tools.put(round + ":" + position, new StepRecord.ToolResult(round, position,
					input.path("callId").asString(""), name, input.path("arguments").asString(), status,
					output.path("output").asString(), output.path("truncated").asBoolean(false),
					output.path("tookMs").asLong(), true));
		}
	}
}
