package dev.rampart.providers.internal;

import java.util.List;
import java.util.UUID;

import dev.rampart.providers.BuiltInProviders;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.shared.TenantId;
import org.springframework.stereotype.Component;

/** TEMPORARY: built-in providers only, until tenant configurations are stored (replaced in the same change set). */
@Component
class BuiltInOnlyRegistry implements ProviderRegistry {

	private final BuiltInProviders builtIn;

	BuiltInOnlyRegistry(BuiltInProviders builtIn) {
		this.builtIn = builtIn;
	}

	@Override
	public List<Provider> builtIn() {
		return builtIn.providers();
	}

	@Override
	public List<Provider> providers(TenantId tenant) {
		return builtIn.providers();
	}

	@Override
	public void disableKey(Provider provider, UUID credentialId, String reason) {
	}
}
