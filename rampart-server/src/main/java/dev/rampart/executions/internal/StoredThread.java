package dev.rampart.executions.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A thread as stored (docs/runs.md, "Threads"): a conversation with one agent whose messages are its runs.
 *
 * @param userId the end user every message's run is for (user-scoped memories), or null
 * @param busyPolicy {@code reject}, {@code enqueue} or {@code interrupt}: what a message does while the thread has a run
 *     queued, running or waiting
 */
public record StoredThread(UUID id, UUID agentId, @Nullable String title, @Nullable String userId, String busyPolicy,
		Instant createdAt, String createdBy, Instant updatedAt) {

	/** The policies a thread may have, as the API spells them. */
	public static final List<String> POLICIES = List.of("reject", "enqueue", "interrupt");

	/** A page of threads, newest first; {@code next} goes in {@code after} for the following page. */
	public record Page(List<StoredThread> items, @Nullable UUID next) {
	}
}
