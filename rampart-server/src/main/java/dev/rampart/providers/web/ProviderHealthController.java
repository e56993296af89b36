package dev.rampart.providers.web;

import dev.rampart.identity.RampartPrincipal;
import dev.rampart.providers.ProviderHealth;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/providers/{id}/health}: a live check of one provider, with its breakers and keys. */
@RestController
@RequestMapping("/api/v1/providers")
class ProviderHealthController {

	private final ProviderRegistry registry;
	private final ProviderHealth health;

	ProviderHealthController(ProviderRegistry registry, ProviderHealth health) {
		this.registry = registry;
		this.health = health;
	}

	/** Lists the provider's models with its first key in use, bounded to 5 seconds; never fails for a provider that is down. */
	@GetMapping("/{id}/health")
	@Requires("provider:read")
	ProviderHealth.Result health(@PathVariable String id, @AuthenticationPrincipal RampartPrincipal principal) {
		return health.probe(registry.find(principal.tenant(), id)
			.orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No provider with this id.")));
	}
}
