package dev.rampart.identity.internal;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.identity.AccessPolicy;
import dev.rampart.identity.AccessRequest;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.Permission;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.shared.Authenticated;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.PublicEndpoint;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link Requires} on every handler before it runs, through {@link AccessPolicy} and the
 * principal's grants ({@link TenantRoles}). {@link Authenticated} handlers need a principal and no
 * permission. A handler with none of {@code Requires}, {@code Authenticated} and {@link PublicEndpoint}
 * is refused (deny by default). A user who must change their password is refused everywhere except
 * handlers marked {@link Authenticated#beforePasswordChange()} and public ones. Denials are audited.
 */
final class PermissionInterceptor implements HandlerInterceptor {

	private static final Logger log = LoggerFactory.getLogger(PermissionInterceptor.class);

	private final AuditLog audit;
	private final TenantRoles roles;
	private final Cache<String, Optional<InetAddress>> addresses = Caffeine.newBuilder().maximumSize(10_000).build();

	PermissionInterceptor(AuditLog audit, TenantRoles roles) {
		this.audit = audit;
		this.roles = roles;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		// the dispatch that ends a streamed answer (SSE) was decided when the request began; it carries no principal
		if (request.getDispatcherType() == DispatcherType.ASYNC) {
			return true;
		}
		if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getPackageName().startsWith("dev.rampart")
				|| isPublic(method)) {
			return true;
		}
		Requires requires = method.getMethodAnnotation(Requires.class);
		Authenticated authenticated = method.getMethodAnnotation(Authenticated.class);
		if (requires == null && authenticated == null) {
			throw new RampartException(ErrorCode.PERMISSION_DENIED, "This endpoint declares no permission, so nobody may call it.");
		}
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof RampartPrincipal principal)) {
			throw new RampartException(ErrorCode.AUTHENTICATION_REQUIRED, "Sign in to use this endpoint.");
		}
		if (principal.mustChangePassword() && (authenticated == null || !authenticated.beforePasswordChange())) {
			throw new RampartException(ErrorCode.PASSWORD_CHANGE_REQUIRED, "The password of this account was generated or set by"
					+ " an administrator; change it at POST /api/v1/users/me/password before calling " + request.getMethod() + " "
					+ request.getRequestURI() + ".");
		}
		if (requires == null) {
			return true;
		}
		Permission needed = Permission.of(requires.value());
		AccessRequest question = AccessRequest.of(principal.subject(), needed, address(request));
		AccessPolicy.Decision decision = requires.perResource() ? roles.decideForSomeResource(principal, question)
				: roles.decide(principal, question);
		if (!decision.allowed()) {
			audit.record(new AuditEntry(principal.tenant(), principal.subject(), request.getRemoteAddr(), "access.denied",
					"endpoint", request.getMethod() + " " + request.getRequestURI(), AuditEntry.DENIED,
					Map.of("permission", needed.toString())));
			throw new RampartException(ErrorCode.PERMISSION_DENIED, "This needs the permission " + needed + ".");
		}
		return true;
	}

	/**
	 * A per-resource handler that answered without deciding for its resource has a bug: its caller was
	 * let through on "some resource" alone. Logged loudly; tests of such handlers assert the decision.
	 */
	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		if (handler instanceof HandlerMethod method && response.getStatus() < 400
				&& method.getMethodAnnotation(Requires.class) instanceof Requires requires && requires.perResource()
				&& request.getAttribute(PrincipalResourceAccess.CHECKED) == null) {
			log.error("{} is declared perResource but answered {} without asking ResourceAccess", method.getShortLogMessage(),
					response.getStatus());
		}
	}

	static boolean isPublic(HandlerMethod method) {
		return method.hasMethodAnnotation(PublicEndpoint.class) || method.getBeanType().isAnnotationPresent(PublicEndpoint.class);
	}

	/**
	 * The caller's address for network conditions. Parsed once per distinct address: parsing was half
	 * of this interceptor's time in the auth benchmark's profile (docs/BENCHMARKS.md).
	 */
	private @Nullable InetAddress address(HttpServletRequest request) {
		String remote = request.getRemoteAddr();
		return remote == null ? null : addresses.get(remote, text -> AccessRequest.literalAddress(text)).orElse(null);
	}
}
