package dev.rampart.providers.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.providers.ProviderType;
import dev.rampart.secrets.CredentialCheck;
import dev.rampart.secrets.CredentialCheck.Status;
import dev.rampart.secrets.CredentialVerifier;
import dev.rampart.secrets.SecretValue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The providers a credential may be for — every provider type ({@code openai}, {@code azure-openai} ...) and the
 * node's built-in providers ({@code sim}) — and the check behind {@code POST /api/v1/credentials/{id}/test}: it lists
 * the provider's models with the key, the cheapest authenticated call every API has. 2xx is valid; 401 and 403 are
 * invalid, and so is Gemini's 400 (its answer to an unknown key); anything else says nothing about the key. Only
 * built-in providers and the types with a public API (OpenAI, Anthropic, Gemini) can be checked here; for the others
 * the URL belongs to the provider configuration, so their keys are checked when a provider configured with them is
 * called (a rejected key is disabled there and audited).
 */
@Component
class ProviderCredentialVerifier implements CredentialVerifier {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ProviderRegistry registry;
	private final Clock clock;
	private final Map<ProviderType, URI> publicApis;
	private final HttpClient http;

	@Autowired
	ProviderCredentialVerifier(ProviderRegistry registry, Clock clock) {
		this(registry, clock, publicApis());
	}

	/** @param publicApis the types checked without a configuration, at these URLs (tests point them elsewhere) */
	ProviderCredentialVerifier(ProviderRegistry registry, Clock clock, Map<ProviderType, URI> publicApis) {
		this.registry = registry;
		this.clock = clock;
		this.publicApis = Map.copyOf(publicApis);
		this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	@Override
	public Set<String> providers() {
		Set<String> names = new LinkedHashSet<>();
		Arrays.stream(ProviderType.values()).forEach(type -> names.add(type.wireName()));
		registry.builtIn().forEach(provider -> names.add(provider.id()));
		return names;
	}

	@Override
	public CredentialCheck verify(String providerId, SecretValue secret) {
		Optional<Provider> builtIn = registry.builtIn().stream().filter(provider -> provider.id().equals(providerId)).findFirst();
		if (builtIn.isPresent()) {
			return check(builtIn.get().type(), builtIn.get().baseUrl(), secret);
		}
		Optional<ProviderType> type = ProviderType.fromWireName(providerId);
		if (type.isEmpty()) {
			return check(Status.UNSUPPORTED, "Rampart does not know provider '" + providerId + "'.");
		}
		URI publicApi = publicApis.get(type.get());
		if (publicApi == null) {
			return check(Status.UNSUPPORTED, "A " + providerId + " key cannot be checked on its own: the provider's URL is "
					+ "part of its configuration. The key is checked when a provider configured with it is called; "
					+ "a key the provider rejects is disabled there.");
		}
		return check(type.get(), publicApi, secret);
	}

	private CredentialCheck check(ProviderType type, URI base, SecretValue secret) {
		HttpRequest request = ModelLists.request(type, base, null, secret.reveal(), TIMEOUT);
		try {
			int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status / 100 == 2) {
				return check(Status.VALID, "The provider accepted the credential.");
			}
			// Gemini answers an unknown key with 400 API_KEY_INVALID; a plain model list has nothing else to be invalid
			if (status == 401 || status == 403 || (status == 400 && type == ProviderType.GEMINI)) {
				return check(Status.INVALID, "The provider rejected the credential (HTTP " + status + ").");
			}
			return check(Status.UNREACHABLE, "The provider answered HTTP " + status + ", which says nothing about the credential.");
		}
		catch (IOException ex) {
			return check(Status.UNREACHABLE, "The provider at " + base.getHost() + " could not be reached.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return check(Status.UNREACHABLE, "The check was interrupted.");
		}
	}

	private CredentialCheck check(Status status, String message) {
		return new CredentialCheck(status, message, clock.instant());
	}

	/** The types whose API has one public address, so a key can be checked before any provider uses it. */
	private static Map<ProviderType, URI> publicApis() {
		Map<ProviderType, URI> apis = new EnumMap<>(ProviderType.class);
		for (ProviderType type : new ProviderType[] { ProviderType.OPENAI, ProviderType.ANTHROPIC, ProviderType.GEMINI }) {
			URI url = type.defaultBaseUrl();
			if (url != null) {
				apis.put(type, url);
			}
		}
		return apis;
	}
}
