package dev.rampart.gateway.internal;

import java.io.IOException;

import dev.rampart.gateway.RateLimitProperties;
import dev.rampart.gateway.ThreatSignals;
import dev.rampart.gateway.ThreatThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The limits known before authentication, first on the request path: every request per source
 * address, and sign-in and refresh per source address. The address is the connection's peer (or
 * what the server's forwarded-header handling made of it). An address that threat detection
 * throttles also takes from a {@code suspicious} bucket: the address limit (the sign-in limit for
 * sign-ins) divided by the tightening factor.
 */
final class AddressRateLimitFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;
	private final RateLimitProperties limits;
	private final RateLimitResponses responses;
	private final ThreatThrottle throttle;

	AddressRateLimitFilter(RateLimiter limiter, RateLimitProperties limits, RateLimitResponses responses,
			ThreatThrottle throttle) {
		this.limiter = limiter;
		this.limits = limits;
		this.responses = responses;
		this.throttle = throttle;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = request.getRemoteAddr();
		String who = "address " + address;
		if (!responses.admit(response, limiter.take(LimitKind.ADDRESS, address, limits.address()), who)) {
			return;
		}
		boolean signIn = "POST".equals(request.getMethod()) && request.getRequestURI().equals("/api/v1/auth/login");
		if (throttle.anyThrottled() && throttle.isThrottled(ThreatSignals.addressKey(address))
				&& !responses.admit(response, limiter.take(LimitKind.SUSPICIOUS, (signIn ? "login:" : "") + address,
						(signIn ? limits.login() : limits.address()).share(throttle.tighteningFactor())), who)) {
			return;
		}
		if ("POST".equals(request.getMethod())) {
			String path = request.getRequestURI();
			if (path.equals("/api/v1/auth/login")
					&& !responses.admit(response, limiter.take(LimitKind.LOGIN, address, limits.login()), who)) {
				return;
			}
			if (path.equals("/api/v1/auth/refresh")
					&& !responses.admit(response, limiter.take(LimitKind.REFRESH, address, limits.refresh()), who)) {
				return;
			}
		}
		chain.doFilter(request, response);
	}
}
