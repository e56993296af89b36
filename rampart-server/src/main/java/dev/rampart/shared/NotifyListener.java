package dev.rampart.shared;

import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * A bean that listens on the node's {@link NotifyChannels} while it runs: {@link #start()} subscribes through
 * {@link #subscribe}, {@link #stop()} closes that subscription (after which none of its callbacks runs again) and then
 * calls {@link #stopped()}. One place for the lifecycle every listener needs, so each one says only what it hears.
 */
public abstract class NotifyListener implements SmartLifecycle {

	private final NotifyChannels channels;
	private volatile boolean running;
	private NotifyChannels.@Nullable Subscription subscription;

	protected NotifyListener(NotifyChannels channels) {
		this.channels = channels;
	}

	/** Subscribes to what this listener hears; null to listen to nothing on this node (it still counts as running). */
	protected abstract NotifyChannels.@Nullable Subscription subscribe(NotifyChannels channels);

	/** Called by {@link #stop()} once the subscription is closed; does nothing unless overridden. */
	protected void stopped() {
	}

	@Override
	public synchronized void start() {
		running = true;
		subscription = subscribe(channels);
	}

	@Override
	public synchronized void stop() {
		running = false;
		if (subscription != null) {
			subscription.close();
			subscription = null;
		}
		stopped();
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
