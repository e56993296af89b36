package dev.rampart.identity;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who an audit entry is attributed to: the authenticated principal (user or API key id) of the current request with
 * its remote address, {@link #ANONYMOUS} for an unauthenticated request, and {@link #SYSTEM} outside requests. Every
 * module that writes audit entries for its own changes takes the actor from here.
 *
 * @param id a user id, an API key id, {@code anonymous} or {@code system}
 * @param ip the request's remote address, null outside requests
 */
public record AuditActor(String id, @Nullable String ip) {

	public static final String ANONYMOUS = "anonymous";
	public static final String SYSTEM = "system";

	public static AuditActor current() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
			var authentication = SecurityContextHolder.getContext().getAuthentication();
			String id = authentication != null && authentication.getPrincipal() instanceof RampartPrincipal principal
					? principal.subject() : ANONYMOUS;
			return new AuditActor(id, request.getRequest().getRemoteAddr());
		}
		return new AuditActor(SYSTEM, null);
	}
}
