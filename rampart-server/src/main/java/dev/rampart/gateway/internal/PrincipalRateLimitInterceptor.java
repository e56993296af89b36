package dev.rampart.gateway.internal;

import dev.rampart.gateway.RateLimitProperties;
import dev.rampart.gateway.RateLimitProperties.Plan;
import dev.rampart.gateway.ThreatSignals;
import dev.rampart.gateway.ThreatThrottle;
import dev.rampart.gateway.internal.RateLimiter.Outcome;
import dev.rampart.identity.RampartPrincipal;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The limits that need to know who calls, after authentication and before the permission check:
 * per tenant (by the tenant's plan), per user or API key, and per user or key and operation class
 * (reads, writes, run creation). Unauthenticated requests pass: the address limit counted them.
 * A user or key that threat detection throttles also takes from a {@code suspicious} bucket: its
 * principal (or API key) limit divided by the tightening factor.
 */
final class PrincipalRateLimitInterceptor implements HandlerInterceptor {

	private final RateLimiter limiter;
	private final RateLimitProperties limits;
	private final RateLimitResponses responses;
	private final ThreatThrottle throttle;

	PrincipalRateLimitInterceptor(RateLimiter limiter, RateLimitProperties limits, RateLimitResponses responses,
			ThreatThrottle throttle) {
		this.limiter = limiter;
		this.limits = limits;
		this.responses = responses;
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
		return responses.admit(response, limiter.take(LimitKind.TENANT, tenant, plan.tenant()), "tenant " + tenant)
				&& responses.admit(response, principal.isUser()
						? limiter.take(LimitKind.PRINCIPAL, principal.subject(), plan.principal())
						: limiter.take(LimitKind.API_KEY, principal.subject(), plan.apiKey()), who)
				&& responses.admit(response, operation(request, principal.subject(), plan), who)
				&& (!throttle.anyThrottled() || !throttle.isThrottled(ThreatSignals.keyOf(principal))
						|| responses.admit(response, limiter.take(LimitKind.SUSPICIOUS, principal.subject(),
								(principal.isUser() ? plan.principal() : plan.apiKey()).share(throttle.tighteningFactor())), who));
	}

	private Outcome operation(HttpServletRequest request, String subject, Plan plan) {
		String method = request.getMethod();
		if ("GET".equals(method) || "HEAD".equals(method)) {
			return limiter.take(LimitKind.READS, subject, plan.reads());
		}
		if ("POST".equals(method) && request.getRequestURI().endsWith("/runs")) {
			return limiter.take(LimitKind.RUNS, subject, plan.runs());
		}
		return limiter.take(LimitKind.WRITES, subject, plan.writes());
	}
}
