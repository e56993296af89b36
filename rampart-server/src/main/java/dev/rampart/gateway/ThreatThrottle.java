package dev.rampart.gateway;

/**
 * Which principals threat detection has throttled: the rate limiter divides their limits by
 * {@link #tighteningFactor()} while {@link #isThrottled} holds. Keys as {@link ThreatSignals#keyOf}
 * and {@link ThreatSignals#addressKey}. Checked on every request, so it must stay a map lookup.
 */
public interface ThreatThrottle {

	/** The throttle of a node without threat detection: nobody is throttled. */
	ThreatThrottle NONE = new ThreatThrottle() {
		@Override
		public boolean anyThrottled() {
			return false;
		}

		@Override
		public boolean isThrottled(String principalKey) {
			return false;
		}

		@Override
		public int tighteningFactor() {
			return 1;
		}
	};

	/** False when nobody is throttled: the request path then skips building keys. */
	boolean anyThrottled();

	boolean isThrottled(String principalKey);

	int tighteningFactor();
}
