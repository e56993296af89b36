package dev.rampart.providers.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderConfigurations;
import dev.rampart.providers.ProviderConfigurations.Configured;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.secrets.Credential;
import dev.rampart.secrets.Credentials;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.ETags;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.IfMatch;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/providers}: the node's built-in providers (read-only) and the caller's tenant's own provider
 * configurations (docs/providers.md, "Provider configurations"). A provider's {@code ETag} is its version;
 * {@code PUT} honours {@code If-Match}.
 */
@RestController
@RequestMapping("/api/v1/providers")
class ProvidersController {

	private final ProviderRegistry registry;
	private final ProviderConfigurations configurations;
	private final Credentials credentials;
	private final CurrentTenant tenant;
	private final ProvidersProperties properties;

	ProvidersController(ProviderRegistry registry, ProviderConfigurations configurations, Credentials credentials,
			CurrentTenant tenant, ProvidersProperties properties) {
		this.registry = registry;
		this.configurations = configurations;
		this.credentials = credentials;
		this.tenant = tenant;
		this.properties = properties;
	}

	/** Built-in providers first, then the tenant's, each by id. */
	@GetMapping
	@Requires("provider:read")
	List<ProviderView> list() {
		TenantId current = tenant.get();
		List<ProviderView> views = new ArrayList<>();
		registry.builtIn().forEach(provider -> views.add(ProviderView.builtIn(provider)));
		List<Configured> configured = configurations.configurations(current);
		Map<UUID, Credential> names = configured.stream().anyMatch(each -> !each.provider().keys().isEmpty())
				? credentialsOf(current) : Map.of();
		configured.forEach(each -> views.add(ProviderView.of(each, names)));
		return views;
	}

	@GetMapping("/{id}")
	@Requires("provider:read")
	ResponseEntity<ProviderView> get(@PathVariable String id) {
		TenantId current = tenant.get();
		for (Provider provider : registry.builtIn()) {
			if (provider.id().equals(id)) {
				return ResponseEntity.ok().eTag(ProviderView.etag(provider.version())).body(ProviderView.builtIn(provider));
			}
		}
		Configured configured = configurations.configuration(current, known(id)).orElseThrow(() -> notFound(id));
		return withEtag(ResponseEntity.ok(), configured, current);
	}

	@PostMapping
	@Requires("provider:write")
	ResponseEntity<ProviderView> create(@RequestBody ProviderRequest request) {
		TenantId current = tenant.get();
		Configured created = configurations.create(current,
				request.toConfiguration(null, properties.resilience(), credentialsOf(current).keySet()));
		return withEtag(ResponseEntity.created(URI.create("/api/v1/providers/" + created.provider().id())), created, current);
	}

	/**
	 * Replaces the whole configuration; the provider's keys are all in use again. A stale {@code If-Match} overwrites with
	 * a {@code Warning} (412 with {@code Prefer: strict-concurrency}).
	 */
	@PutMapping("/{id}")
	@Requires("provider:write")
	ResponseEntity<ProviderView> replace(@PathVariable String id, @RequestBody ProviderRequest request,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
			@RequestHeader(name = "Prefer", required = false) @Nullable String prefer) {
		TenantId current = tenant.get();
		refuseBuiltIn(id);
		IfMatch version = ETags.ifMatch(ifMatch, prefer, "GET /api/v1/providers/{id}");
		Configured replaced = configurations.replace(current,
				request.toConfiguration(known(id), properties.resilience(), credentialsOf(current).keySet()), version);
		return withEtag(ResponseEntity.ok(), replaced, current);
	}

	@DeleteMapping("/{id}")
	@Requires("provider:write")
	ResponseEntity<Void> delete(@PathVariable String id) {
		refuseBuiltIn(id);
		configurations.delete(tenant.get(), known(id));
		return ResponseEntity.noContent().build();
	}

	private ResponseEntity<ProviderView> withEtag(ResponseEntity.BodyBuilder response, Configured configured,
			TenantId current) {
		Map<UUID, Credential> names = configured.provider().keys().isEmpty() ? Map.of() : credentialsOf(current);
		return response.eTag(ProviderView.etag(configured.provider().version())).body(ProviderView.of(configured, names));
	}

	private Map<UUID, Credential> credentialsOf(TenantId current) {
		return credentials.list(current).stream().collect(Collectors.toMap(Credential::id, Function.identity()));
	}

	private void refuseBuiltIn(String id) {
		if (registry.builtIn().stream().anyMatch(provider -> provider.id().equals(id))) {
			throw new RampartException(ErrorCode.PROVIDER_BUILT_IN, "'" + id + "' is a built-in provider of this node.");
		}
	}

	/** {@code id} if it can name a provider at all; else not found (and not echoed). */
	private static String known(String id) {
		if (!ProviderRequest.ID.matcher(id).matches()) {
			throw notFound(id);
		}
		return id;
	}

	private static RampartException notFound(String id) {
		return new RampartException(ErrorCode.RESOURCE_NOT_FOUND, ProviderRequest.ID.matcher(id).matches()
				? "No provider '" + id + "' in this tenant." : "No provider with this id in this tenant.");
	}
}
