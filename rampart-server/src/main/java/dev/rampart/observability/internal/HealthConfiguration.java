package dev.rampart.observability.internal;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /actuator/health} as the guidelines' {@code HealthChecker}: the node's dependencies checked concurrently and
 * bounded ({@link ConcurrentHealthChecks}), details for administrators only ({@link AdministratorsSeeDetails}), and a
 * timestamp in the answer ({@link TimestampedHealthEndpoint}). Statuses, their order and HTTP codes, and the liveness
 * and readiness groups are in application.yaml ({@code management.endpoint.health}); docs/health.md.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

	/** Static and free of dependencies, as a post-processor must be. */
	@Bean
	static ConcurrentHealthChecks concurrentHealthChecks() {
		return new ConcurrentHealthChecks(new HealthChecker());
	}

	@Bean
	static AdministratorsSeeDetails administratorsSeeDetails() {
		return new AdministratorsSeeDetails();
	}

	@Bean
	HealthEndpointWebExtension timestampedHealthEndpoint(HealthContributorRegistry registry,
			ObjectProvider<ReactiveHealthContributorRegistry> fallback, HealthEndpointGroups groups,
			HealthEndpointProperties properties, Clock clock) {
		return new TimestampedHealthEndpoint(registry, fallback.getIfAvailable(), groups,
				properties.getLogging().getSlowIndicatorThreshold(), clock);
	}
}
