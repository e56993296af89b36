package dev.rampart.gateway.threats;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.rampart.gateway.ThreatThrottle;

/**
 * The principals this node throttles after an anomaly, each until its cool-down ends or the anomaly
 * is cleared. An empty map costs the request path one {@code isEmpty} call.
 */
final class Throttles implements ThreatThrottle {

	private final Clock clock;
	private final int factor;
	private final ConcurrentHashMap<String, Throttle> active = new ConcurrentHashMap<>();

	private record Throttle(UUID anomaly, Instant until) {
	}

	Throttles(Clock clock, int factor) {
		this.clock = clock;
		this.factor = factor;
	}

	@Override
	public boolean anyThrottled() {
		return !active.isEmpty();
	}

	@Override
	public boolean isThrottled(String principalKey) {
		if (active.isEmpty()) {
			return false;
		}
		Throttle throttle = active.get(principalKey);
		if (throttle == null) {
			return false;
		}
		if (!clock.instant().isBefore(throttle.until())) {
			active.remove(principalKey, throttle);
			return false;
		}
		return true;
	}

	@Override
	public int tighteningFactor() {
		return factor;
	}

	void throttle(String principalKey, UUID anomaly, Instant until) {
		active.put(principalKey, new Throttle(anomaly, until));
	}

	/** Lifts the throttle that {@code anomaly} put on {@code principalKey}, if it is still the one in force. */
	void lift(String principalKey, UUID anomaly) {
		active.computeIfPresent(principalKey, (key, throttle) -> throttle.anomaly().equals(anomaly) ? null : throttle);
	}
}
