package dev.rampart.observability.internal;

import dev.rampart.shared.ProblemWriter;
import dev.rampart.shared.Problems;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link MetricsAccess} in front of {@code /actuator/prometheus}, before anything else handles the request. */
@Configuration(proxyBeanMethods = false)
class MetricsAccessConfiguration {

	@Bean
	FilterRegistrationBean<MetricsAccess> metricsAccess(@Value("${rampart.observability.metrics-token:}") @Nullable String token,
			Problems problems, ProblemWriter writer) {
		FilterRegistrationBean<MetricsAccess> registration = new FilterRegistrationBean<>(new MetricsAccess(token, problems,
				writer));
		registration.addUrlPatterns("/actuator/prometheus", "/actuator/prometheus/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}
}
