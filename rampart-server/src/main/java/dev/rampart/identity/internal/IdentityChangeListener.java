package dev.rampart.identity.internal;

import java.time.Duration;
import java.util.List;

import dev.rampart.shared.NotifyChannels;
import dev.rampart.shared.NotifyListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's identity caches coherent with changes made by other nodes: subscribes to {@value #CHANNEL} on the
 * node's {@link NotifyChannels}, where the triggers on {@code users}, {@code memberships}, {@code api_keys} and the
 * custom roles announce {@code <topic>:<id>}; each announcement invalidates that entry in the cache of that topic.
 *
 * <p>The caches keep nothing until the channel is listened to, and empty themselves and stop keeping anything the
 * moment the connection is found lost (a failed read or heartbeat query) or this listener stops, until it is
 * listened to again. A connection that dies silently is noticed by the heartbeat query after at most one quiet
 * {@code listenerHeartbeat} (the connection asks it sooner when other subscribers do).
 */
final class IdentityChangeListener extends NotifyListener {

	static final String CHANNEL = "rampart_identity";

	private static final Logger log = LoggerFactory.getLogger(IdentityChangeListener.class);

	private final List<NotifiedCache<?, ?>> caches;
	private final NotifyChannels.Liveness liveness;
	private volatile boolean connected;
	private boolean warned;

	IdentityChangeListener(NotifyChannels channels, List<NotifiedCache<?, ?>> caches, Duration heartbeat,
			Duration maxBackoff) {
		super(channels);
		this.caches = List.copyOf(caches);
		this.liveness = new NotifyChannels.Liveness(heartbeat, maxBackoff);
	}

	/** Whether the caches may keep entries now: the channel is listened to. */
	boolean connected() {
		return connected;
	}

	@Override
	protected NotifyChannels.Subscription subscribe(NotifyChannels channels) {
		return channels.subscribe(CHANNEL, this::apply, this::listening, this::lost, liveness);
	}

	/**
	 * The caches are off once {@link #stop()} returns, and stay off until a new start is listening: after the
	 * subscription's close neither callback runs again, so nothing turns them back on.
	 */
	@Override
	protected void stopped() {
		connected = false;
		caches.forEach(cache -> cache.listening(false));
	}

	private void listening() {
		// Listening first, emptying second: a change committed in between is heard and applied later.
		caches.forEach(cache -> cache.listening(true));
		connected = true;
		if (warned) {
			log.info("Listening for identity changes again; caches are back on");
			warned = false;
		}
	}

	private void lost() {
		connected = false;
		caches.forEach(cache -> cache.listening(false));
		if (!warned) {
			log.warn("Lost the connection that listens for identity changes; user states and API keys are read from the"
					+ " database on every request until it reconnects");
			warned = true;
		}
	}

	private void apply(String payload) {
		int colon = payload.indexOf(':');
		String topic = colon < 0 ? payload : payload.substring(0, colon);
		String id = colon < 0 ? "" : payload.substring(colon + 1);
		boolean known = false;
		for (NotifiedCache<?, ?> cache : caches) {
			if (cache.topic().equals(topic)) {
				cache.invalidateNotified(id);
				known = true;
			}
		}
		if (!known) {
			// A topic this node does not know yet (a newer node's): forgetting everything is always safe.
			caches.forEach(NotifiedCache::invalidateAll);
		}
	}
}
