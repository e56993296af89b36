package dev.rampart.observability.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.boot.health.actuate.endpoint.SystemHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

/**
 * Spring Boot's web health endpoint with the guidelines' {@code timestamp} (when the answer was assembled) beside
 * the components, for whoever may see the components; a bare status stays a bare status.
 */
class TimestampedHealthEndpoint extends HealthEndpointWebExtension {

	private final Clock clock;

	TimestampedHealthEndpoint(HealthContributorRegistry registry, @Nullable ReactiveHealthContributorRegistry fallback,
			HealthEndpointGroups groups, @Nullable Duration slowLoggingThreshold, Clock clock) {
		super(registry, fallback, groups, slowLoggingThreshold);
		this.clock = clock;
	}

	@Override
	public WebEndpointResponse<HealthDescriptor> health(ApiVersion apiVersion, @Nullable WebServerNamespace serverNamespace,
			SecurityContext securityContext, boolean showAll, String... path) {
		WebEndpointResponse<HealthDescriptor> response = super.health(apiVersion, serverNamespace, securityContext, showAll,
				path);
		if (response.getBody() instanceof CompositeHealthDescriptor composite && composite.getComponents() != null) {
			return timestamped(new Timestamped(composite, clock.instant()), response.getStatus());
		}
		return response;
	}

	/**
	 * Spring Boot's descriptor types are sealed, so the timestamped body travels in the response under the erased type:
	 * the endpoint only serializes it (it is an {@link OperationResponseBody}), nothing reads it as a descriptor.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static WebEndpointResponse<HealthDescriptor> timestamped(Timestamped body, int status) {
		return (WebEndpointResponse) new WebEndpointResponse<>(body, status);
	}

	/** A composite health with the time it was taken; serialized like the composite, plus {@code timestamp}. */
	static final class Timestamped implements OperationResponseBody {

		private final CompositeHealthDescriptor health;
		private final Instant timestamp;

		Timestamped(CompositeHealthDescriptor health, Instant timestamp) {
			this.health = health;
			this.timestamp = timestamp;
		}

		@JsonUnwrapped
		public Status getStatus() {
			return health.getStatus();
		}

		public Instant getTimestamp() {
			return timestamp;
		}

		@JsonInclude(JsonInclude.Include.NON_EMPTY)
		public @Nullable Map<String, HealthDescriptor> getComponents() {
			return health.getComponents();
		}

		@JsonInclude(JsonInclude.Include.NON_EMPTY)
		public @Nullable Set<String> getGroups() {
			return health instanceof SystemHealthDescriptor system ? system.getGroups() : null;
		}
	}
}
