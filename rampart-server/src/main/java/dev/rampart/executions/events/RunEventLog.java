package dev.rampart.executions.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import tools.jackson.databind.JsonNode;

/**
 * Read access to runs' ordered event logs for live delivery: every read is bound to the tenant (row-level security), so
 * another tenant's run is simply not found.
 */
public interface RunEventLog {

	/** The event types that close a run's log: nothing follows them. */
	Set<String> TERMINAL = Set.of("run_succeeded", "run_failed", "run_cancelled");

	/** The run, if the tenant has it. */
	Optional<Run> find(TenantId tenant, UUID runId);

	/** The run's events with {@code seq > afterSeq}, in order, at most {@code limit}; empty for an unknown run. */
	List<Event> after(TenantId tenant, UUID runId, long afterSeq, int limit);

	/**
	 * What a permission check needs to know of a run.
	 *
	 * @param owner who started it, without its kind ({@code created_by} is {@code user:<id>} or {@code api-key:<id>})
	 */
	record Run(UUID id, String owner, String status) {
	}

	/** One logged event. */
	record Event(long seq, String type, JsonNode data, Instant at) {

		public boolean terminal() {
			return TERMINAL.contains(type);
		}
	}
}
