package dev.rampart.executions.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * A run's event log grew, published on the node that wrote it after the writing transaction committed. It is a pointer
 * first: live delivery can always read {@link RunEventLog#after} from its last delivered seq, so a lost or late pointer
 * costs latency, never a gap or a duplicate. When the writer has the events at hand it adds them ({@code written}), so
 * the writing node's viewers need not read back what was just written; other nodes only get the pointer.
 *
 * @param lastSeq the highest seq written, or {@link #UNKNOWN} when the writer did not learn it (readers then just read)
 * @param terminal whether the run ended with this write (its closing {@code run_<status>} event is in the log)
 * @param written the appended events in seq order, exactly as logged, or empty when the writer does not say
 */
public record RunEventsAppended(TenantId tenant, UUID runId, long lastSeq, boolean terminal, List<Written> written) {

	/** The writer appended events but did not learn their seq. */
	public static final long UNKNOWN = 0;

	public RunEventsAppended {
		written = List.copyOf(written);
	}

	/** A pointer without the events. */
	public RunEventsAppended(TenantId tenant, UUID runId, long lastSeq, boolean terminal) {
		this(tenant, runId, lastSeq, terminal, List.of());
	}

	/**
	 * One appended event as the writer had it; {@code data} is the map that was stored as JSON, not to be changed after
	 * the write.
	 */
	public record Written(long seq, String type, Map<String, ?> data, Instant at) {
	}
}
