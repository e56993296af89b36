package dev.rampart.providers;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * An LLM provider a tenant can call: a built-in one of the node (the simulator {@code sim}), or one the tenant
 * configured ({@code /api/v1/providers}), with every setting resolved (the node's defaults fill what the
 * configuration leaves out).
 *
 * @param id the name agents and model chains refer to (e.g. {@code sim}, {@code openai-prod}), unique in the tenant
 * @param type the API it speaks
 * @param baseUrl API base URL (for OpenAI-protocol providers the URL ending in {@code /v1})
 * @param models models that may be called, in the configured order
 * @param keys credentials it is called with, round robin; empty for providers that need none
 * @param resilience retries, breaker, bulkhead and time limits of calls to it
 * @param apiVersion the API version a type needs (Azure OpenAI's {@code api-version}), else null
 * @param tenant the tenant that configured it, or null for a built-in provider (visible to every tenant)
 * @param version the configuration's version, raised by every change (0 for built-in providers)
 */
public record Provider(String id, ProviderType type, URI baseUrl, List<ModelSpec> models, List<ProviderKey> keys,
		ProvidersProperties.Resilience resilience, @Nullable String apiVersion, @Nullable TenantId tenant, long version) {

	public Provider {
		models = List.copyOf(models);
		keys = List.copyOf(keys);
	}

	/** A built-in provider with the node's resilience settings and no keys. */
	public static Provider builtIn(String id, ProviderType type, URI baseUrl, List<String> models,
			ProvidersProperties.Resilience resilience) {
		return new Provider(id, type, baseUrl, models.stream().map(ModelSpec::named).toList(), List.of(), resilience, null,
				null, 0);
	}

	public boolean builtIn() {
		return tenant == null;
	}

	/**
	 * Identifies this provider across tenants: breakers, bulkheads and clients are kept per key, so two tenants'
	 * providers of the same name never share one, and a changed configuration gets fresh ones.
	 */
	public String key() {
		return tenant == null ? id : tenant.value() + "/" + id + "@" + version;
	}

	public List<String> modelNames() {
		return models.stream().map(ModelSpec::name).toList();
	}

	public Optional<ModelSpec> model(String name) {
		return models.stream().filter(model -> model.name().equals(name)).findFirst();
	}
}
