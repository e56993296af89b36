package dev.rampart.observability.internal;

import dev.rampart.gateway.AnomalyDetected;
import dev.rampart.shared.TenantTags;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts the anomalies threat detection stored ({@code rampart.gateway.anomalies}, by tenant, bounded by
 * {@link TenantTags}; {@code tenant=00000000-...} is the platform's: unauthenticated sources), once each is committed,
 * so a dashboard can alert on a burst without reading the anomalies table.
 */
@Component
class AnomalyMeters {

	private final MeterRegistry meters;

	AnomalyMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(AnomalyDetected anomaly) {
		Counter.builder("rampart.gateway.anomalies")
			.description("Anomalies (unusual traffic windows) that threat detection stored, by tenant")
			.tag("tenant", TenantTags.of(anomaly.tenant()))
			.register(meters)
			.increment();
	}
}
