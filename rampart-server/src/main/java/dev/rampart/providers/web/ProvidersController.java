package dev.rampart.providers.web;

import java.util.List;

import dev.rampart.identity.RampartPrincipal;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only view of the providers the caller's tenant can use. */
@RestController
@RequestMapping("/api/v1/providers")
class ProvidersController {

	private final ProviderRegistry registry;

	ProvidersController(ProviderRegistry registry) {
		this.registry = registry;
	}

	@GetMapping
	@Requires("provider:read")
	List<ProviderView> list(@AuthenticationPrincipal RampartPrincipal principal) {
		return registry.providers(principal.tenant()).stream().map(ProviderView::of).toList();
	}

	@GetMapping("/{id}")
	@Requires("provider:read")
	ProviderView get(@PathVariable String id, @AuthenticationPrincipal RampartPrincipal principal) {
		return ProviderView.of(registry.find(principal.tenant(), id)
			.orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No provider with this id.")));
	}

	record ProviderView(String id, String type, List<String> models, boolean builtIn) {

		static ProviderView of(Provider provider) {
			return new ProviderView(provider.id(), provider.type().wireName(), provider.modelNames(), provider.builtIn());
		}
	}
}
