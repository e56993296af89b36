package dev.rampart.providers.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderHealth;
import dev.rampart.providers.ProviderKey;
import dev.rampart.secrets.Credentials;
import dev.rampart.secrets.SecretValue;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The cheap health probe of a provider: its model list (the one authenticated read every supported API has, costing
 * no tokens), with its first key in use, bounded to {@link #BOUND}; plus the state of its models' breakers on this
 * node. Never throws for a provider that is down.
 */
@Component
class ProviderProbe implements ProviderHealth {

	static final Duration BOUND = Duration.ofSeconds(5);

	private final ProviderResilience resilience;
	private final Credentials credentials;
	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(BOUND)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	ProviderProbe(ProviderResilience resilience, Credentials credentials) {
		this.resilience = resilience;
		this.credentials = credentials;
	}

	@Override
	public Result probe(Provider provider) {
		Map<String, String> breakers = new LinkedHashMap<>();
		provider.modelNames().forEach(model -> breakers.put(model, resilience.state(provider, model).name()));
		boolean anyOpen = breakers.values().stream().anyMatch(state -> !state.equals("CLOSED"));
		int disabled = (int) provider.keys().stream().filter(ProviderKey::disabled).count();
		long started = System.nanoTime();
		String status;
		@Nullable Long latency = null;
		@Nullable String error = null;
		try {
			int code = http.send(request(provider), HttpResponse.BodyHandlers.discarding()).statusCode();
			latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
			status = code / 100 == 2 ? (anyOpen ? "DEGRADED" : "UP") : "DOWN";
			error = code / 100 == 2 ? null : "HTTP " + code;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			status = "DOWN";
			error = "interrupted";
		}
		catch (IOException | RuntimeException ex) {
			status = "DOWN";
			error = ex.getClass().getSimpleName();
		}
		return new Result(provider.id(), provider.type().wireName(), status, latency, error, breakers, provider.keys().size(),
				disabled);
	}

	private HttpRequest request(Provider provider) {
		return ModelLists.request(provider.type(), provider.baseUrl(), provider.apiVersion(), key(provider).orElse(null), BOUND);
	}

	private Optional<String> key(Provider provider) {
		if (provider.tenant() == null) {
			return Optional.empty();
		}
		Optional<UUID> first = provider.keys().stream().filter(key -> !key.disabled()).map(ProviderKey::credentialId).findFirst();
		return first.flatMap(id -> credentials.use(provider.tenant(), id)).map(secret -> {
			try (SecretValue value = secret) {
				return value.reveal();
			}
		});
	}
}
