package dev.rampart.executions;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of threads (docs/runs.md, "Threads"): how much of a conversation a new message's run sees, so a long thread
 * does not grow every prompt without bound.
 *
 * @param historyTurns at most this many earlier turns (input and answer of a succeeded run) reach the model, the newest
 *     of them, oldest first; 0 gives none
 */
@ConfigurationProperties("rampart.threads")
public record ThreadsProperties(@DefaultValue("20") int historyTurns) {

	public ThreadsProperties {
		if (historyTurns < 0 || historyTurns > 1000) {
			throw new IllegalArgumentException("rampart.threads.history-turns must be 0 to 1000");
		}
	}
}
