package dev.rampart.providers;

import java.util.List;
import java.util.Optional;

/** The LLM providers known to this node. Tenant-configured providers join the built-in ones in #6. */
public interface ProviderRegistry {

	List<Provider> providers();

	default Optional<Provider> find(String id) {
		return providers().stream().filter(provider -> provider.id().equals(id)).findFirst();
	}
}
