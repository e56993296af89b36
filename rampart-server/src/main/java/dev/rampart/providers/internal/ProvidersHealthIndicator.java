package dev.rampart.providers.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderHealth;
import dev.rampart.providers.ProviderRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code llm_providers}: the node's built-in providers probed concurrently (each on a virtual
 * thread, the whole bounded to {@link ProviderProbe#BOUND}), with their breakers, plus how many breakers of any
 * provider (tenants' included) are open on this node. UP when every built-in provider answers and none of their
 * breakers is open; otherwise {@link #DEGRADED}, with the reasons in the details (visible to administrators only).
 * Never DOWN, and not part of readiness: a node whose providers are down still serves everything else, fallbacks and
 * the cache still answer, and a tenant's own provider being down says nothing about the node (its open breakers are
 * only counted in the details).
 */
@Component("llm_providers")
class ProvidersHealthIndicator implements HealthIndicator {

	/** Works, but not fully: answered with HTTP 200 and ordered between DOWN and UP (application.yaml). */
	static final Status DEGRADED = new Status("DEGRADED");

	private final ProviderRegistry registry;
	private final ProviderProbe probe;
	private final ProviderResilience resilience;

	ProvidersHealthIndicator(ProviderRegistry registry, ProviderProbe probe, ProviderResilience resilience) {
		this.registry = registry;
		this.probe = probe;
		this.resilience = resilience;
	}

	@Override
	public Health health() {
		List<Provider> providers = registry.builtIn();
		Map<String, CompletableFuture<ProviderHealth.Result>> probes = new LinkedHashMap<>();
		for (Provider provider : providers) {
			probes.put(provider.id(), CompletableFuture.supplyAsync(() -> probe.probe(provider),
					task -> Thread.ofVirtual().name("provider-health-" + provider.id()).start(task)));
		}
		long deadline = System.nanoTime() + ProviderProbe.BOUND.toNanos();
		Map<String, Object> details = new LinkedHashMap<>();
		boolean up = true;
		for (Map.Entry<String, CompletableFuture<ProviderHealth.Result>> entry : probes.entrySet()) {
			try {
				ProviderHealth.Result result = entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				details.put(entry.getKey(), result);
				up &= result.status().equals("UP");
			}
			catch (TimeoutException ex) {
				details.put(entry.getKey(), Map.of("status", "DOWN", "error", "no answer within "
						+ ProviderProbe.BOUND.toSeconds() + " s"));
				up = false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				up = false;
			}
			catch (Exception ex) {
				details.put(entry.getKey(), Map.of("status", "DOWN", "error", ex.getClass().getSimpleName()));
				up = false;
			}
		}
		details.put("openBreakers", resilience.openBreakers());
		return (up ? Health.up() : Health.status(DEGRADED)).withDetails(details).build();
	}
}
