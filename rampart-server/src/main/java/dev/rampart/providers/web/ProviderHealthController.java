package dev.rampart.providers.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

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

/** {@code GET /api/v1/providers/{id}/health}: a live check of one provider. */
@RestController
@RequestMapping("/api/v1/providers")
class ProviderHealthController {

	private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

	private final ProviderRegistry registry;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(CHECK_TIMEOUT).build();

	ProviderHealthController(ProviderRegistry registry) {
		this.registry = registry;
	}

	/** Calls the provider's model list, bounded to 5 seconds; never throws for a provider that is down. */
	@GetMapping("/{id}/health")
	@Requires("provider:read")
	ProviderHealth health(@PathVariable String id, @AuthenticationPrincipal RampartPrincipal principal) {
		Provider provider = registry.find(principal.tenant(), id)
			.orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No provider with this id."));
		long started = System.nanoTime();
		try {
			HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(provider.baseUrl() + "/models"))
				.timeout(CHECK_TIMEOUT)
				.GET()
				.build(), HttpResponse.BodyHandlers.discarding());
			long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
			return response.statusCode() == 200 ? new ProviderHealth(provider.id(), "UP", ms, null)
					: new ProviderHealth(provider.id(), "DOWN", ms, "HTTP " + response.statusCode());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new ProviderHealth(provider.id(), "DOWN", null, "interrupted");
		}
		catch (Exception ex) {
			return new ProviderHealth(provider.id(), "DOWN", null, ex.getClass().getSimpleName());
		}
	}

	record ProviderHealth(String id, String status, Long latencyMs, String error) {
	}
}
