package dev.rampart.shared;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link NotifyChannels#subscribe subscription}: its callbacks, and which of the node's listening connections its
 * channel is listened on, so that {@code onListening} and {@code onLost} alternate exactly once per connection however
 * the listening thread and a restart's overlap.
 */
final class NotifySubscriber implements NotifyChannels.Subscription {

	private static final Logger log = LoggerFactory.getLogger(NotifySubscriber.class);

	final String channel;
	final Consumer<String> receiver;
	final Runnable onListening;
	final Runnable onLost;
	final NotifyChannels.Liveness liveness;
	private final Consumer<NotifySubscriber> remove;
	/** The connection its channel is listened on, 0 for none; changed, with its callback, under this lock. */
	private long listeningOn;
	volatile boolean closed;

	NotifySubscriber(String channel, Consumer<String> receiver, Runnable onListening, Runnable onLost,
			NotifyChannels.Liveness liveness, Consumer<NotifySubscriber> remove) {
		this.channel = channel;
		this.receiver = receiver;
		this.onListening = onListening;
		this.onLost = onLost;
		this.liveness = liveness;
		this.remove = remove;
	}

	/** Its channel is listened on {@code connectionId}: it catches up, unless it already has there. */
	synchronized void listening(long connectionId) {
		if (!closed && listeningOn != connectionId) {
			if (listeningOn != 0) {
				// a stopped bean's connection, not yet found closed by its thread, that a restart's has replaced
				call(onLost, "the replaced connection on " + channel);
			}
			listeningOn = connectionId;
			call(onListening, "catching up on " + channel);
		}
	}

	/** {@code connectionId} is gone: notifications may be missed if it was listening there. */
	synchronized void lost(long connectionId) {
		if (listeningOn == connectionId) {
			listeningOn = 0;
			if (!closed) {
				call(onLost, "the lost connection on " + channel);
			}
		}
	}

	@Override
	public void close() {
		synchronized (this) {
			closed = true;
		}
		remove.accept(this);
	}

	/** Runs a subscriber's callback; what it throws is logged, never passed to the listening thread. */
	static void call(Runnable action, String what) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			log.warn("Failed handling {}", what, ex);
		}
	}
}
