package dev.rampart.identity.internal;

import dev.rampart.identity.RampartPrincipal;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who an audit entry is attributed to: the authenticated principal (user or API key id) of the
 * current request with its remote address, {@code anonymous} for an unauthenticated request, and
 * {@code system} outside requests.
 */
final class AuditActors {

	static final String ANONYMOUS = "anonymous";
	static final String SYSTEM = "system";

	private AuditActors() {
	}

	static Actor current() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
			var authentication = SecurityContextHolder.getContext().getAuthentication();
			String id = authentication != null && authentication.getPrincipal() instanceof RampartPrincipal principal
					? principal.subject() : ANONYMOUS;
			return new Actor(id, request.getRequest().getRemoteAddr());
		}
		return new Actor(SYSTEM, null);
	}

	record Actor(String id, @Nullable String ip) {
	}
}
