package dev.rampart.secrets.internal.tls;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends {@code Strict-Transport-Security} on every response to a request that arrived over HTTPS
 * while {@code rampart.tls.mode} is not {@code off}; never over plain HTTP, where browsers ignore it
 * and an attacker in the middle could strip it anyway.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class HstsFilter extends OncePerRequestFilter {

	static final String HEADER = "Strict-Transport-Security";

	private final @Nullable String value;

	HstsFilter(TlsProperties tls) {
		this.value = tls.enabled() ? tls.hsts().headerValue() : null;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return value == null || !request.isSecure();
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader(HEADER, value);
		chain.doFilter(request, response);
	}
}
