package dev.rampart.identity.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who an audit entry is attributed to. Until authentication exists, a change made through an HTTP
 * request is {@code anonymous} from the request's remote address, and anything else is {@code system}.
 */
final class AuditActors {

	static final String ANONYMOUS = "anonymous";
	static final String SYSTEM = "system";

	private AuditActors() {
	}

	static Actor current() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
			return new Actor(ANONYMOUS, request.getRequest().getRemoteAddr());
		}
		return new Actor(SYSTEM, null);
	}

	record Actor(String id, @Nullable String ip) {
	}
}
