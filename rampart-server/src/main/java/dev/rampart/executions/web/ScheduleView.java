package dev.rampart.executions.web;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rampart.executions.internal.StoredSchedule;
import dev.rampart.shared.ETags;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A schedule as the API shows it (docs/runs.md, "Schedules"): the fields a client sent, and what the scheduler made of
 * them ({@code nextFireAt}) and of the last tick ({@code lastFiredAt}, {@code lastRunId}, {@code lastError}).
 */
record ScheduleView(UUID id, String name, String cron, String timezone, Target target, JsonNode input, boolean enabled,
		@Nullable Instant nextFireAt, @Nullable Instant lastFiredAt, @Nullable UUID lastRunId, @Nullable JsonNode lastError,
		long version, Instant createdAt, Instant updatedAt) {

	/** What a tick runs: one of {@code agentId} and {@code workflowId}, and the version selector (null: the latest). */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Target(@Nullable UUID agentId, @Nullable UUID workflowId, @Nullable String version) {
	}

	static ScheduleView of(StoredSchedule schedule) {
		boolean agent = schedule.targetKind().equals("agent");
		return new ScheduleView(schedule.id(), schedule.name(), schedule.cron(), schedule.timezone(),
				new Target(agent ? schedule.targetId() : null, agent ? null : schedule.targetId(), schedule.targetVersion()),
				schedule.input(), schedule.enabled(), schedule.nextFireAt(), schedule.lastFiredAt(), schedule.lastRunId(),
				schedule.lastError(), schedule.version(), schedule.createdAt(), schedule.updatedAt());
	}

	static String etag(StoredSchedule schedule) {
		return ETags.of(schedule.version());
	}
}
