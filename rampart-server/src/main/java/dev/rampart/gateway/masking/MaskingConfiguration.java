package dev.rampart.gateway.masking;

import dev.rampart.gateway.Masker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Exposes the masker; the engine itself needs no Spring. */
@Configuration(proxyBeanMethods = false)
class MaskingConfiguration {

	@Bean
	Masker masker() {
		return new PatternMasker();
	}
}
