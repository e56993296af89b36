package dev.rampart.observability.internal;

import java.util.Map;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.Ordered;

/**
 * Hands the dependency checks of {@link #COMPONENTS} (whichever module defines them) to one {@link HealthChecker}
 * and puts in their place, under the same names, indicators that ask the checker: Spring Boot then still serves
 * each as its own component and group member, but they run concurrently and bounded. Runs last, so it wraps what
 * the other post-processors made.
 */
final class ConcurrentHealthChecks implements BeanPostProcessor, Ordered {

	/** The node's dependencies by component name, and whether their failure makes the node unhealthy. */
	static final Map<String, Boolean> COMPONENTS = Map.of("database", true, "redis", false, "llm_providers", false,
			"external_tools", false, "vector_index", false);

	private final HealthChecker checker;

	ConcurrentHealthChecks(HealthChecker checker) {
		this.checker = checker;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String name) {
		Boolean critical = COMPONENTS.get(name);
		if (critical == null || !(bean instanceof HealthIndicator indicator) || bean instanceof Checked) {
			return bean;
		}
		checker.register(name, indicator, critical);
		return new Checked(checker, name);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** A component as Spring Boot sees it: its health comes from the checker's current round. */
	record Checked(HealthChecker checker, String name) implements HealthIndicator {

		@Override
		public Health health() {
			return checker.health(name);
		}
	}
}
