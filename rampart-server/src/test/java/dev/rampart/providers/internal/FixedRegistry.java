package dev.rampart.providers.internal;

import java.util.List;
import java.util.UUID;

import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.shared.TenantId;

/** A registry of given built-in providers, for unit tests. */
record FixedRegistry(List<Provider> builtIn) implements ProviderRegistry {

	@Override
	public List<Provider> providers(TenantId tenant) {
		return builtIn;
	}

	@Override
	public void disableKey(Provider provider, UUID credentialId, String reason) {
	}
}
