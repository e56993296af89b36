package dev.rampart.gateway.threats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.rampart.gateway.Anomaly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node does about a flagged window: stores the anomaly (with its audit entry and the
 * {@code AnomalyDetected} notification), logs a warning and, for a principal or address, divides its
 * rate limits for the cool-down. A principal already throttled raises no new anomaly until the
 * throttle ends: one open anomaly per incident, not one per minute. Tenant-level anomalies throttle
 * nobody (the whole tenant would pay for one principal).
 */
final class AnomalyReactions implements AnomalySink {

	private static final Logger log = LoggerFactory.getLogger(AnomalyReactions.class);

	private final JdbcAnomalies anomalies;
	private final Throttles throttles;
	private final Duration coolDown;
	private final Clock clock;

	AnomalyReactions(JdbcAnomalies anomalies, Throttles throttles, Duration coolDown, Clock clock) {
		this.anomalies = anomalies;
		this.throttles = throttles;
		this.coolDown = coolDown;
		this.clock = clock;
	}

	@Override
	public void raised(Finding finding) {
		ClosedWindow window = finding.window();
		boolean principal = window.level() == Level.PRINCIPAL;
		if (principal && throttles.isThrottled(window.key())) {
			return;
		}
		Instant until = principal ? clock.instant().plus(coolDown) : null;
		Anomaly anomaly = anomalies.open(finding, until);
		if (until != null) {
			throttles.throttle(window.key(), anomaly.id(), until);
		}
		log.warn("Anomaly {}: {} in tenant {} between {} and {} scored {} ({}){}", anomaly.id(), window.key(), window.tenant(),
				window.start(), window.end(), anomaly.score(), String.join("; ", anomaly.reasons()),
				until == null ? "" : "; its limits are divided by " + throttles.tighteningFactor() + " until " + until);
	}
}
