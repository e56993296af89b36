package dev.rampart.memory;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What an agent's memory holds, for the console and for operators sizing capacity and the hot budget.
 *
 * @param count memories stored
 * @param byScope how many per scope ({@code ""} = agent-wide)
 * @param oldest creation time of the oldest, null when empty
 * @param newest creation time of the newest, null when empty
 * @param tier where the agent's vector index is on this node now
 */
public record MemoryStats(long count, Map<String, Long> byScope, @Nullable Instant oldest, @Nullable Instant newest,
		IndexTier tier) {
}
