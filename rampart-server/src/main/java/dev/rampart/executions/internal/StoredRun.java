package dev.rampart.executions.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A run as stored (docs/runs.md): what the API shows of it.
 *
 * @param kind {@code agent} or {@code workflow}
 * @param targetVersion the version pinned when the run was created
 * @param status {@code queued}, {@code running}, {@code waiting}, {@code compensating}, {@code succeeded}, {@code failed},
 *     {@code cancelled} or {@code compensated}
 * @param output the answer (an agent run's final text), once there is one
 * @param outcome how the step ended: its status, detail, structured output, output problems, tool calls
 * @param usage model calls, tokens and cost
 * @param error the problem of a failed run
 * @param replayOf the run this one replays, or null
 */
public record StoredRun(UUID id, String kind, UUID targetId, int targetVersion, JsonNode input, @Nullable String threadId,
		@Nullable String userId, String status, @Nullable JsonNode output, @Nullable JsonNode outcome,
		@Nullable JsonNode usage, @Nullable JsonNode error, int attempt, int priority, boolean cancelRequested,
		Instant createdAt, String createdBy, @Nullable Instant startedAt, @Nullable Instant endedAt,
		@Nullable UUID replayOf) {

	/** The statuses of a run that has ended. */
	public static final List<String> ENDED = List.of("succeeded", "failed", "cancelled", "compensated");

	/** Every status a run can have, as the API spells it. */
	public static final List<String> STATUSES = List.of("queued", "running", "waiting", "compensating", "succeeded",
			"failed", "cancelled", "compensated");

	/** A page of runs, newest first; {@code next} goes in {@code after} for the following page. */
	public record Page(List<StoredRun> items, @Nullable UUID next) {
	}

	/** One step of a run. */
	public record Step(int index, String kind, @Nullable String name, String status, @Nullable JsonNode input,
			@Nullable JsonNode output, int attempt, Instant startedAt, @Nullable Instant endedAt) {
	}

	/** One event of a run's ordered log. */
	public record Event(long seq, String type, JsonNode data, Instant at) {
	}
}
