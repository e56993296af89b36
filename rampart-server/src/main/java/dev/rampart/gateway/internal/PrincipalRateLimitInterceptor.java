package dev.rampart.gateway.internal;

import dev.rampart.gateway.RateLimitProperties;
import dev.rampart.gateway.RateLimitProperties.Plan;
import dev.rampart.gateway.TenantQuotas;
import dev.rampart.gateway.TenantQuotas.Permit;
import dev.rampart.gateway.ThreatSignals;
import dev.rampart.gateway.ThreatThrottle;
import dev.rampart.gateway.internal.RateLimiter.Outcome;
import dev.rampart.identity.RampartPrincipal;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The limits that need to know who calls, after authentication and before the permission check:
 * per tenant (by the tenant's plan), per user or API key, and per user or key and operation class
 * (reads, writes, run creation), and the tenant's quotas for run creation and direct model calls.
 * Unauthenticated requests pass: the address limit counted them.
 * A user or key that threat detection throttles also takes from a {@code suspicious} bucket: its
 * principal (or API key) limit divided by the tightening factor.
 */
final class PrincipalRateLimitInterceptor implements HandlerInterceptor {

	private static final String PERMIT = PrincipalRateLimitInterceptor.class.getName() + ".permit";

	private final RateLimiter limiter;
	private final RateLimitProperties limits;
	private final RateLimitResponses responses;
	private final TenantQuotas quotas;
	private final ThreatThrottle throttle;

	PrincipalRateLimitInterceptor(RateLimiter limiter, RateLimitProperties limits, RateLimitResponses responses,
			TenantQuotas quotas, ThreatThrottle throttle) {
		this.limiter = limiter;
		this.limits = limits;
		this.responses = responses;
		this.quotas = quotas;
		this.throttle = throttle;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
		if (request.getDispatcherType() != DispatcherType.REQUEST) {
			return true;
		}
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof RampartPrincipal principal)) {
			return true;
		}
		String tenant = principal.tenant().toString();
		Plan plan = limits.planOf(tenant);
		String who = (principal.isUser() ? "user " : "API key ") + principal.subject();
		boolean admitted = responses.admit(response, limiter.take(LimitKind.TENANT, tenant, plan.tenant()), "tenant " + tenant)
				&& responses.admit(response, principal.isUser()
						? limiter.take(LimitKind.PRINCIPAL, principal.subject(), plan.principal())
						: limiter.take(LimitKind.API_KEY, principal.subject(), plan.apiKey()), who)
				&& responses.admit(response, operation(request, principal.subject(), plan), who)
				&& (!throttle.anyThrottled() || !throttle.isThrottled(ThreatSignals.keyOf(principal))
						|| responses.admit(response, limiter.take(LimitKind.SUSPICIOUS, principal.subject(),
								(principal.isUser() ? plan.principal() : plan.apiKey()).share(throttle.tighteningFactor())), who));
		if (admitted && createsRun(request)) {
			quotas.admitRun(principal.tenant());
		}
		if (admitted && callsModelDirectly(request)) {
			request.setAttribute(PERMIT, quotas.startCall(principal.tenant()));
		}
		return admitted;
	}

	/** Frees the concurrency slot of a direct model call; the playground streams on the request's own thread. */
	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		if (request.getAttribute(PERMIT) instanceof Permit permit) {
			request.removeAttribute(PERMIT);
			permit.close();
		}
	}

	/** A model call made by the request itself, not by a run: it holds a concurrency slot while it lasts. */
	private static boolean callsModelDirectly(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return false;
		}
		String path = request.getRequestURI();
		return path.startsWith("/api/v1/providers/") && path.endsWith("/chat")
				|| path.startsWith("/api/v1/agents/") && path.endsWith("/invoke");
	}

	private static boolean createsRun(HttpServletRequest request) {
		return "POST".equals(request.getMethod()) && request.getRequestURI().endsWith("/runs");
	}

	private Outcome operation(HttpServletRequest request, String subject, Plan plan) {
		String method = request.getMethod();
		if ("GET".equals(method) || "HEAD".equals(method)) {
			return limiter.take(LimitKind.READS, subject, plan.reads());
		}
		if (createsRun(request)) {
			return limiter.take(LimitKind.RUNS, subject, plan.runs());
		}
		return limiter.take(LimitKind.WRITES, subject, plan.writes());
	}
}
