package dev.rampart.executions.web;

import java.time.Instant;
import java.util.UUID;

import dev.rampart.executions.internal.StoredRun;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A run as the API shows it (ARCHITECTURE.md §11: {@code id}, {@code status}, {@code output}, ...): the run contract
 * clients and scripts rely on. {@code agentId} is set for agent runs, {@code workflowId} for workflow runs;
 * {@code replayOf} names the original of a replay.
 */
record RunView(UUID id, String kind, String status, @Nullable UUID agentId, @Nullable UUID workflowId, int version,
		JsonNode input, @Nullable JsonNode output, @Nullable JsonNode outcome, @Nullable JsonNode usage, @Nullable JsonNode error,
		@Nullable String threadId, @Nullable String userId, int priority, int attempt, boolean cancelRequested,
		Instant createdAt, @Nullable Instant startedAt, @Nullable Instant endedAt, @Nullable UUID replayOf) {

	static RunView of(StoredRun run) {
		return new RunView(run.id(), run.kind(), run.status(), run.kind().equals("agent") ? run.targetId() : null,
				run.kind().equals("workflow") ? run.targetId() : null,
				run.targetVersion(), run.input(), run.output(), run.outcome(), run.usage(), run.error(), run.threadId(),
				run.userId(), run.priority(), run.attempt(), run.cancelRequested(), run.createdAt(), run.startedAt(),
				run.endedAt(), run.replayOf());
	}
}
