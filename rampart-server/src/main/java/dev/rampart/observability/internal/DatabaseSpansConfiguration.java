package dev.rampart.observability.internal;

import dev.rampart.shared.CurrentTenant;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Database spans (docs/observability.md, "Database spans"), on unless {@code rampart.observability.database-spans} is
 * {@code false}: then the pool is left as it is and statements cost nothing extra.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseSpansConfiguration {

	/** Static, as a post-processor must be; what it needs is looked up on the first statement. */
	@Bean
	@ConditionalOnBooleanProperty(name = "rampart.observability.database-spans", matchIfMissing = true)
	static ObservedDataSources observedDataSources(ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<CurrentTenant> tenant) {
		return new ObservedDataSources(registry, tenant);
	}
}
