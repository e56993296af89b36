package dev.rampart.providers.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only view of the providers agents can use, and a live check of each. */
@RestController
@RequestMapping("/api/v1/providers")
class ProvidersController {

	private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

	private final ProviderRegistry registry;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(CHECK_TIMEOUT).build();

	ProvidersController(ProviderRegistry registry) {
		this.registry = registry;
	}

	@GetMapping
	@Requires("provider:read")
	List<ProviderView> list() {
		return registry.providers().stream().map(ProviderView::of).toList();
	}

	@GetMapping("/{id}")
	@Requires("provider:read")
	ProviderView get(@PathVariable String id) {
		return ProviderView.of(find(id));
	}

	/** Calls the provider's model list, bounded to 5 seconds; never throws for a provider that is down. */
	@GetMapping("/{id}/health")
	@Requires("provider:read")
	ProviderHealth health(@PathVariable String id) {
		Provider provider = find(id);
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

	private Provider find(String id) {
		return registry.find(id)
			.orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No provider with this id."));
	}

	record ProviderView(String id, String protocol, List<String> models, boolean embedded) {

		static ProviderView of(Provider provider) {
			return new ProviderView(provider.id(), provider.protocol(), provider.models(), provider.embedded());
		}
	}

	record ProviderHealth(String id, String status, Long latencyMs, String error) {
	}
}
