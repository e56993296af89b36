package dev.rampart.executions.events;

import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * A run's event log grew, published on the node that wrote it after the writing transaction committed. It is a pointer,
 * not the events: live delivery reads {@link RunEventLog#after} from its last delivered seq, so a lost or late pointer
 * costs latency, never a gap or a duplicate.
 *
 * @param lastSeq the highest seq written, or {@link #UNKNOWN} when the writer did not learn it (readers then just read)
 * @param terminal whether the run ended with this write (its closing {@code run_<status>} event is in the log)
 */
public record RunEventsAppended(TenantId tenant, UUID runId, long lastSeq, boolean terminal) {

	/** The writer appended events but did not learn their seq. */
	public static final long UNKNOWN = 0;
}
