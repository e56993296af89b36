package dev.rampart.providers.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.providers.ProviderType;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.secrets.CredentialCheck;
import dev.rampart.secrets.CredentialCheck.Status;
import dev.rampart.secrets.CredentialVerifier;
import dev.rampart.secrets.SecretValue;
import org.springframework.stereotype.Component;

/**
 * Checks a credential by listing the provider's models with it ({@code GET <base>/models}), the
 * cheapest authenticated call every supported API has: 2xx is valid, 401/403 invalid, anything else
 * says nothing about the key. Knows the node's registered providers and the public OpenAI and
 * Anthropic APIs; tenant-configured providers join in #6.
 */
@Component
class ProviderCredentialVerifier implements CredentialVerifier {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);
	private static final Map<String, Provider> PUBLIC = Map.of(
			"openai", Provider.builtIn("openai", ProviderType.OPENAI, URI.create("https://api.openai.com/v1"), List.of(),
					ProvidersProperties.Resilience.defaults()),
			"anthropic", Provider.builtIn("anthropic", ProviderType.ANTHROPIC, URI.create("https://api.anthropic.com/v1"),
					List.of(), ProvidersProperties.Resilience.defaults()));

	private final ProviderRegistry registry;
	private final Clock clock;
	private final HttpClient http;

	ProviderCredentialVerifier(ProviderRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
		this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	@Override
	public Set<String> providers() {
		return providers(registry).keySet();
	}

	@Override
	public CredentialCheck verify(String providerId, SecretValue secret) {
		Provider provider = providers(registry).get(providerId);
		if (provider == null) {
			return check(Status.UNSUPPORTED, "Rampart does not know provider '" + providerId + "'.");
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(provider.baseUrl() + "/models")).timeout(TIMEOUT).GET();
		if (provider.type() == ProviderType.ANTHROPIC) {
			request.header("x-api-key", secret.reveal()).header("anthropic-version", "2023-06-01");
		}
		else {
			request.header("Authorization", "Bearer " + secret.reveal());
		}
		try {
			int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status / 100 == 2) {
				return check(Status.VALID, "The provider accepted the credential.");
			}
			if (status == 401 || status == 403) {
				return check(Status.INVALID, "The provider rejected the credential (HTTP " + status + ").");
			}
			return check(Status.UNREACHABLE, "The provider answered HTTP " + status + ", which says nothing about the credential.");
		}
		catch (IOException ex) {
			return check(Status.UNREACHABLE, "The provider at " + provider.baseUrl().getHost() + " could not be reached.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return check(Status.UNREACHABLE, "The check was interrupted.");
		}
	}

	private CredentialCheck check(Status status, String message) {
		return new CredentialCheck(status, message, clock.instant());
	}

	private static Map<String, Provider> providers(ProviderRegistry registry) {
		Map<String, Provider> all = new LinkedHashMap<>(PUBLIC);
		registry.builtIn().forEach(provider -> all.put(provider.id(), provider));
		return all;
	}
}
