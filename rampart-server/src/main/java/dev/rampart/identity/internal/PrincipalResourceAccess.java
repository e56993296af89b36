package dev.rampart.identity.internal;

import java.util.Map;

import dev.rampart.identity.AccessPolicy;
import dev.rampart.identity.AccessRequest;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.Permission;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.ResourceAccess;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Decides for the signed-in principal of the current request, with the same roles as the endpoint check. */
final class PrincipalResourceAccess implements ResourceAccess {

	/** Set on the request once a per-resource decision was made, so a handler that forgot it is noticed. */
	static final String CHECKED = PrincipalResourceAccess.class.getName() + ".checked";

	private final TenantRoles roles;
	private final AuditLog audit;

	PrincipalResourceAccess(TenantRoles roles, AuditLog audit) {
		this.roles = roles;
		this.audit = audit;
	}

	@Override
	public void require(String permission, @Nullable String owner, Map<String, String> tags) {
		Permission needed = Permission.of(permission);
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof RampartPrincipal principal)) {
			throw new RampartException(ErrorCode.AUTHENTICATION_REQUIRED, "Sign in to use this endpoint.");
		}
		HttpServletRequest request = currentRequest();
		String address = request == null ? null : request.getRemoteAddr();
		if (request != null) {
			request.setAttribute(CHECKED, Boolean.TRUE);
		}
		AccessPolicy.Decision decision = roles.decide(principal, new AccessRequest(principal.subject(), needed, owner, tags,
				AccessRequest.literalAddress(address).orElse(null)));
		if (!decision.allowed()) {
			audit.record(new AuditEntry(principal.tenant(), principal.subject(), address, "access.denied", "resource",
					request == null ? null : request.getMethod() + " " + request.getRequestURI(), AuditEntry.DENIED,
					Map.of("permission", needed.toString(), "reason", decision.reason())));
			throw new RampartException(ErrorCode.PERMISSION_DENIED, "This needs the permission " + needed
					+ " on this resource; your role grants it only under conditions this resource does not meet.");
		}
	}

	private static @Nullable HttpServletRequest currentRequest() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest() : null;
	}
}
