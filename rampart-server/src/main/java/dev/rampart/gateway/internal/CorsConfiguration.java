package dev.rampart.gateway.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.rampart.gateway.GatewayProperties;
import dev.rampart.gateway.OriginPolicy;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.ProblemWriter;
import dev.rampart.shared.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Cross-origin access as a gateway filter in front of Spring Security: a preflight is answered (or
 * refused) before authentication, which a preflight never carries, and a browser request from an
 * origin not in {@code rampart.gateway.cors.allowed-origins} is refused with a problem before it can
 * change anything. Requests without an {@code Origin}, or from Rampart's own origin, are not CORS
 * requests and pass untouched. The allowlist is empty by default, so no web page elsewhere may call
 * the API.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

	@Bean
	FilterRegistrationBean<CorsFilter> corsFilter(GatewayProperties properties, Problems problems, ProblemWriter writer) {
		var config = new org.springframework.web.cors.CorsConfiguration();
		config.setAllowedOrigins(properties.cors().allowedOrigins().stream().map(OriginPolicy::normalize).filter(o -> !o.isEmpty()).toList());
		config.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
		config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID",
				RequestIdFilter.HEADER));
		config.setExposedHeaders(List.of(RequestIdFilter.HEADER, "Location", "Retry-After", "RateLimit-Limit",
				"RateLimit-Remaining", "RateLimit-Reset", "WWW-Authenticate"));
		config.setAllowCredentials(properties.cors().allowCredentials());
		config.setMaxAge(Duration.ofHours(1));
		var source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", config);
		var filter = new CorsFilter(source);
		filter.setCorsProcessor(new DefaultCorsProcessor() {
			@Override
			protected void rejectRequest(ServerHttpResponse response) throws IOException {
				HttpServletResponse servlet = ((ServletServerHttpResponse) response).getServletResponse();
				writer.write(servlet, problems.of(ErrorCode.ORIGIN_NOT_ALLOWED,
						"The Origin of this request is not in the CORS allowlist, or the method or headers are not allowed."));
			}
		});
		var registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}
}
