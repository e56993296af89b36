package dev.rampart.identity.internal;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import dev.rampart.identity.AccessPolicy;
import dev.rampart.identity.AccessRequest;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.Condition;
import dev.rampart.identity.Grant;
import dev.rampart.identity.Permission;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.Role;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.PublicEndpoint;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link Requires} on every handler before it runs, through {@link AccessPolicy}: a user's
 * grants come from their role in the token's tenant, an API key's from its permissions. A handler
 * with neither {@code Requires} nor {@link PublicEndpoint} is refused (deny by default). Denials are
 * audited.
 */
final class PermissionInterceptor implements HandlerInterceptor {

	private final AuditLog audit;

	PermissionInterceptor(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getPackageName().startsWith("dev.rampart")
				|| isPublic(method)) {
			return true;
		}
		Requires requires = method.getMethodAnnotation(Requires.class);
		if (requires == null) {
			throw new RampartException(ErrorCode.PERMISSION_DENIED, "This endpoint declares no permission, so nobody may call it.");
		}
		Permission needed = Permission.of(requires.value());
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof RampartPrincipal principal)) {
			throw new RampartException(ErrorCode.AUTHENTICATION_REQUIRED, "Sign in to use this endpoint.");
		}
		Role role = roleOf(principal);
		AccessPolicy.Decision decision = AccessPolicy.decide(List.of(role),
				AccessRequest.of(principal.subject(), needed, conditional(role) ? address(request) : null));
		if (!decision.allowed()) {
			audit.record(new AuditEntry(principal.tenant(), principal.subject(), request.getRemoteAddr(), "access.denied",
					"endpoint", request.getMethod() + " " + request.getRequestURI(), AuditEntry.DENIED,
					Map.of("permission", needed.toString())));
			throw new RampartException(ErrorCode.PERMISSION_DENIED, "This needs the permission " + needed + ".");
		}
		return true;
	}

	static boolean isPublic(HandlerMethod method) {
		return method.hasMethodAnnotation(PublicEndpoint.class) || method.getBeanType().isAnnotationPresent(PublicEndpoint.class);
	}

	/** A user's built-in role (custom roles come later); an API key as a role made of its permissions. */
	private static Role roleOf(RampartPrincipal principal) {
		if (principal.kind() == RampartPrincipal.Kind.API_KEY) {
			return new Role("api-key", principal.apiKeyPermissions().stream().map(Grant::of).toList());
		}
		return principal.role() == null ? new Role("none", List.of())
				: Role.builtIn(principal.role()).orElse(new Role(principal.role(), List.of()));
	}

	/**
	 * Whether any grant has a condition. Only a condition can look at the source address, and parsing
	 * it was half of this interceptor's time in the auth benchmark's profile (docs/BENCHMARKS.md).
	 */
	private static boolean conditional(Role role) {
		return role.grants().stream().anyMatch(grant -> grant.condition() != Condition.ALWAYS);
	}

	private static @Nullable InetAddress address(HttpServletRequest request) {
		return AccessRequest.literalAddress(request.getRemoteAddr()).orElse(null);
	}
}
