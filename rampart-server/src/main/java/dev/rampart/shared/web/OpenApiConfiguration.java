package dev.rampart.shared.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title, version and license of the OpenAPI document served at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI rampartOpenApi(@Value("${spring.application.version:development}") String version) {
		return new OpenAPI().info(new Info().title("Rampart API")
			.version(version)
			.description("Errors are RFC 9457 application/problem+json with code, userMessage, technicalDetails, "
					+ "suggestedActions, canRetry, estimatedRecoveryTime and traceId.")
			.license(new License().name("Apache-2.0")));
	}
}
