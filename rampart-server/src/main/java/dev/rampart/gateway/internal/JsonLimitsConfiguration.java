package dev.rampart.gateway.internal;

import dev.rampart.gateway.GatewayProperties;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadConstraints;

/**
 * Puts the string-length and nesting-depth limits of {@code rampart.gateway.*} into the JSON
 * parser itself, so an oversized value fails while it is being read, before anything is bound.
 * The parser has no array-length limit: {@link JsonArrayLimitFilter} checks that.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimitsConfiguration {

	@Bean
	JsonFactoryBuilderCustomizer jsonReadLimits(GatewayProperties properties) {
		return factory -> factory.streamReadConstraints(StreamReadConstraints.builder()
			.maxStringLength(properties.maxStringLength())
			.maxNameLength(properties.maxStringLength())
			.maxNestingDepth(properties.maxNestingDepth())
			.build());
	}
}
