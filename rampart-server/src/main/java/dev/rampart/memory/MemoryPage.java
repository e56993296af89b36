package dev.rampart.memory;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of an agent's memories, newest first.
 *
 * @param items the memories of this page
 * @param nextCursor pass to {@link Memories#list} for the next page; null on the last page
 */
public record MemoryPage(List<Memory> items, @Nullable String nextCursor) {
}
