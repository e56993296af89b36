package dev.rampart.gateway.threats;

import java.time.Clock;

import dev.rampart.gateway.ThreatProperties;
import dev.rampart.identity.AuditLog;
import dev.rampart.shared.TenantTransactions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What stays when detection is switched off: the throttles (empty then) that the rate limiter
 * consults, and the stored anomalies, which administrators can still review and clear.
 */
@Configuration(proxyBeanMethods = false)
class ThreatConfiguration {

	@Bean
	Throttles threatThrottles(ThreatProperties properties, Clock clock) {
		return new Throttles(clock, properties.tighteningFactor());
	}

	@Bean
	JdbcAnomalies anomalies(JdbcClient jdbc, TenantTransactions transactions, AuditLog audit, ApplicationEventPublisher events,
			Throttles throttles, Clock clock) {
		return new JdbcAnomalies(jdbc, transactions, audit, events, throttles, clock);
	}
}
