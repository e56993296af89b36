package dev.rampart.executions.internal;

import java.util.UUID;

import dev.rampart.executions.RunsProperties;
import dev.rampart.shared.NotifyChannels;
import dev.rampart.shared.NotifyListener;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Hears other nodes' enqueues and cancels: subscribes to {@value JdbcRuns#CHANNEL} on the node's {@link NotifyChannels}
 * and turns {@code wake} and {@code cancel:<run id>} into {@link RunSignals}; once listening (again) it wakes the
 * workers, which find anything enqueued meanwhile. Only a shortcut: without it (connection lost, a PgBouncer in
 * transaction mode) workers still find every run at their next poll and every cancel at their next heartbeat. A node
 * without workers does not listen.
 */
@Component
class QueueNotifications extends NotifyListener {

	private final RunSignals signals;
	private final RunsProperties properties;

	QueueNotifications(NotifyChannels channels, RunSignals signals, RunsProperties properties) {
		super(channels);
		this.signals = signals;
		this.properties = properties;
	}

	@Override
	protected NotifyChannels.@Nullable Subscription subscribe(NotifyChannels channels) {
		return properties.workers() > 0 ? channels.subscribe(JdbcRuns.CHANNEL, this::apply, signals::wake) : null;
	}

	private void apply(String payload) {
		if (payload.startsWith("cancel:")) {
			try {
				signals.cancel(UUID.fromString(payload.substring("cancel:".length())));
			}
			catch (IllegalArgumentException ignored) {
				// not a run id: nothing of ours
			}
		}
		else {
			signals.wake();
		}
	}
}
