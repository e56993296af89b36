package dev.rampart.providers.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.rampart.providers.Provider;
import dev.rampart.providers.BuiltInProviders;
import dev.rampart.providers.ProviderType;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.SimulatorOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the LLM simulator on a loopback port and registers it as provider {@code sim}, so a new
 * node can run agents with no key and no network. Every tenant sees it (BuiltInProviders).
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedSimulatorConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedSimulatorConfiguration.class);

	static final List<String> SIM_MODELS = List.of("sim-echo", "sim-tools");

	@Bean(destroyMethod = "close")
	@ConditionalOnBooleanProperty(name = "rampart.providers.sim.enabled", matchIfMissing = true)
	LlmSimulator embeddedSimulator(ProvidersProperties properties) {
		LlmSimulator sim = LlmSimulator.start(SimulatorOptions.builder().host("127.0.0.1").port(properties.sim().port()).build());
		log.info("Built-in LLM simulator (provider 'sim') listens on {}", sim.baseUrl());
		return sim;
	}

	@Bean
	BuiltInProviders builtInProviders(ObjectProvider<LlmSimulator> simulator, ProvidersProperties properties) {
		List<Provider> providers = new ArrayList<>();
		@Nullable LlmSimulator sim = simulator.getIfAvailable();
		if (sim != null) {
			providers.add(Provider.builtIn("sim", ProviderType.SIM, URI.create(sim.baseUrl() + "/v1"), SIM_MODELS,
					properties.resilience()));
		}
		return new BuiltInProviders(providers);
	}
}
