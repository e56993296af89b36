package dev.rampart.gateway.internal;

import java.io.IOException;

import dev.rampart.gateway.RateLimitProperties;
import dev.rampart.gateway.internal.RateLimiter.Outcome;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The limits known before authentication, first on the request path: every request per source
 * address, and sign-in and refresh per source address. The address is the connection's peer (or
 * what the server's forwarded-header handling made of it).
 */
final class AddressRateLimitFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;
	private final RateLimitProperties limits;
	private final RateLimitResponses responses;

	AddressRateLimitFilter(RateLimiter limiter, RateLimitProperties limits, RateLimitResponses responses) {
		this.limiter = limiter;
		this.limits = limits;
		this.responses = responses;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = request.getRemoteAddr();
		if (!allowed(response, limiter.take(LimitKind.ADDRESS, address, limits.address()), address)) {
			return;
		}
		if ("POST".equals(request.getMethod())) {
			String path = request.getRequestURI();
			if (path.equals("/api/v1/auth/login")
					&& !allowed(response, limiter.take(LimitKind.LOGIN, address, limits.login()), address)) {
				return;
			}
			if (path.equals("/api/v1/auth/refresh")
					&& !allowed(response, limiter.take(LimitKind.REFRESH, address, limits.refresh()), address)) {
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private boolean allowed(HttpServletResponse response, Outcome outcome, String address) throws IOException {
		responses.describe(response, outcome);
		if (!outcome.allowed()) {
			responses.refuse(response, outcome, "address " + address);
		}
		return outcome.allowed();
	}
}
