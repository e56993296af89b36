package dev.rampart.executions.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A run this node claimed, with what its executor needs to load nothing else: the pinned target, the input, who asked,
 * and where its event log and step numbering continue (a run taken over keeps what the lost attempt wrote).
 *
 * @param kind {@code agent} or {@code workflow}
 * @param attempt 1 for the first claim, raised by each takeover
 * @param nextSeq the seq the next event of the run gets
 * @param nextStep the index the next step of the run gets
 * @param replayOf the run this one replays (its calls are answered from that run's record), or null
 * @param traceparent the W3C trace context of the request that enqueued the run (its span's parent), or null
 */
record ClaimedRun(Fence fence, String kind, UUID targetId, int targetVersion, JsonNode input, @Nullable String threadId,
		@Nullable String userId, String principal, int attempt, long nextSeq, int nextStep, @Nullable UUID replayOf,
		@Nullable String traceparent) {
}
