package dev.rampart.gateway.screening;

import dev.rampart.gateway.PromptScreener;
import dev.rampart.gateway.ScreeningProperties;
import dev.rampart.shared.embeddings.LocalEmbeddings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Exposes the screener; with {@code warm-up} the model and exemplars load in the background once the node is ready. */
@Configuration(proxyBeanMethods = false)
class ScreeningConfiguration {

	@Bean
	DefaultPromptScreener promptScreener(ScreeningProperties properties, LocalEmbeddings embeddings, MeterRegistry meters) {
		return new DefaultPromptScreener(properties, embeddings, meters);
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> screeningWarmUp(ScreeningProperties properties, DefaultPromptScreener screener) {
		return event -> {
			if (properties.enabled() && properties.warmUp()) {
				Thread.ofPlatform().name("screening-warm-up").daemon().start(screener::warmUp);
			}
		};
	}
}
