package dev.rampart.providers;

import java.time.Instant;
import java.util.List;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/** What model calls consumed and cost, from the rows the usage accounting writes after each call. */
public interface ModelUsage {

	/** How {@link #report} groups calls. */
	enum GroupBy {
		/** UTC day, {@code 2026-11-24}. */
		DAY,
		/** Agent id; calls outside an agent have a null key. */
		AGENT,
		PROVIDER,
		/** {@code provider/model}. */
		MODEL
	}

	/**
	 * One group's sums.
	 *
	 * @param costMicros cost in millionths of a US dollar
	 */
	record Line(@Nullable String key, long inputTokens, long outputTokens, long costMicros, long calls) {
	}

	/** The tenant's calls made in {@code [from, to)}, grouped, ordered by key (nulls last). */
	List<Line> report(TenantId tenant, Instant from, Instant to, GroupBy groupBy);
}
