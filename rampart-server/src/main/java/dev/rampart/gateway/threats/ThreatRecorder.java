package dev.rampart.gateway.threats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.rampart.gateway.ThreatSignals;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * The request-path half of threat detection: counts each request in the current window of its
 * principal and of its tenant. No I/O and no lock: a map lookup (an insert for a key's first request
 * in a window) and a few atomic additions. At most {@code maxKeys} keys are counted per window;
 * requests of keys beyond that are dropped and counted in {@link #dropped()}.
 */
final class ThreatRecorder implements ThreatSignals {

	private final Clock clock;
	private final long windowMillis;
	private final long maxKeys;
	private final ConcurrentHashMap<WindowKey, WindowCounter> open = new ConcurrentHashMap<>();
	private final LongAdder dropped = new LongAdder();
	/** Windows before this index were drained; a request still on its way to one of them is not counted. */
	private volatile long drainedBefore = Long.MIN_VALUE;

	private record WindowKey(Level level, TenantId tenant, String key, long index) {
	}

	ThreatRecorder(Clock clock, Duration window, long maxKeys) {
		this.clock = clock;
		this.windowMillis = window.toMillis();
		this.maxKeys = maxKeys;
	}

	/**
	 * Counts one answered request. {@code tenant} is null for unauthenticated requests, whose key is
	 * the source address ({@link ThreatSignals#addressKey}); {@code resource} is the concrete path.
	 */
	void request(@Nullable TenantId tenant, String principalKey, int status, String resource, long bytesOut,
			boolean runCreation) {
		long index = clock.millis() / windowMillis;
		TenantId owner = tenant == null ? TenantId.PLATFORM : tenant;
		int hash = resource.hashCode();
		WindowCounter principal = counter(Level.PRINCIPAL, owner, principalKey, index);
		if (principal != null) {
			principal.request(status, hash, bytesOut, runCreation);
		}
		WindowCounter all = counter(Level.TENANT, owner, Level.TENANT_KEY, index);
		if (all != null) {
			all.request(status, hash, bytesOut, runCreation);
		}
	}

	@Override
	public void tokensSpent(TenantId tenant, String principalKey, long tokens) {
		if (tokens <= 0) {
			return;
		}
		long index = clock.millis() / windowMillis;
		WindowCounter principal = counter(Level.PRINCIPAL, tenant, principalKey, index);
		if (principal != null) {
			principal.tokens(tokens);
		}
		WindowCounter all = counter(Level.TENANT, tenant, Level.TENANT_KEY, index);
		if (all != null) {
			all.tokens(tokens);
		}
	}

	private @Nullable WindowCounter counter(Level level, TenantId tenant, String key, long index) {
		WindowKey windowKey = new WindowKey(level, tenant, key, index);
		WindowCounter counter = open.get(windowKey);
		if (counter != null) {
			return counter;
		}
		if (index < drainedBefore) {
			return null;
		}
		if (open.size() >= maxKeys) {
			dropped.increment();
			return null;
		}
		return open.computeIfAbsent(windowKey, k -> new WindowCounter());
	}

	/** Removes and returns every window that ended by now (a request that arrives for a drained window is not counted). */
	List<ClosedWindow> drainClosed() {
		long current = clock.millis() / windowMillis;
		drainedBefore = current;
		List<ClosedWindow> closed = new ArrayList<>();
		Iterator<Map.Entry<WindowKey, WindowCounter>> entries = open.entrySet().iterator();
		while (entries.hasNext()) {
			Map.Entry<WindowKey, WindowCounter> entry = entries.next();
			WindowKey key = entry.getKey();
			if (key.index() < current) {
				entries.remove();
				Instant start = Instant.ofEpochMilli(key.index() * windowMillis);
				closed.add(new ClosedWindow(key.level(), key.tenant(), key.key(), start, start.plusMillis(windowMillis),
						entry.getValue().counts()));
			}
		}
		return closed;
	}

	long dropped() {
		return dropped.sum();
	}
}
