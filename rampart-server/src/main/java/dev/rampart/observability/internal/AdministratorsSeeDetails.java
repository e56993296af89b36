package dev.rampart.observability.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.rampart.identity.RampartPrincipal;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Components and details of {@code /actuator/health} (and its groups) only for administrators: a platform admin, or
 * the owner or an admin of a tenant, signed in as a user (an API key never qualifies). Everyone else, anonymous
 * callers and other members included, gets the status alone, since the details name the node's dependencies and their
 * errors. Narrows what {@code management.endpoint.health.show-details} allows; it never widens it.
 */
final class AdministratorsSeeDetails implements HealthEndpointGroupsPostProcessor, Ordered {

	/** Tenant roles that count as administrators. */
	static final Set<String> ADMIN_ROLES = Set.of("owner", "admin");

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		Map<String, HealthEndpointGroup> named = new LinkedHashMap<>();
		for (String name : groups.getNames()) {
			named.put(name, new ForAdministrators(groups.get(name)));
		}
		return HealthEndpointGroups.of(new ForAdministrators(groups.getPrimary()), named);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	static boolean isAdministrator(@Nullable Authentication authentication) {
		return authentication != null && authentication.getPrincipal() instanceof RampartPrincipal principal
				&& principal.isUser() && !principal.mustChangePassword()
				&& (principal.platformAdmin() || ADMIN_ROLES.contains(principal.role()));
	}

	private record ForAdministrators(HealthEndpointGroup delegate) implements HealthEndpointGroup {

		@Override
		public boolean isMember(String name) {
			return delegate.isMember(name);
		}

		@Override
		public boolean showComponents(SecurityContext context) {
			return delegate.showComponents(context) && isAdministrator(SecurityContextHolder.getContext().getAuthentication());
		}

		@Override
		public boolean showDetails(SecurityContext context) {
			return delegate.showDetails(context) && isAdministrator(SecurityContextHolder.getContext().getAuthentication());
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return delegate.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return delegate.getHttpCodeStatusMapper();
		}

		@Override
		public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
			return delegate.getAdditionalPath();
		}
	}
}
