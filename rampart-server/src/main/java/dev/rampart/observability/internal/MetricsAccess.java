package dev.rampart.observability.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.ProblemWriter;
import dev.rampart.shared.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may scrape {@code /actuator/prometheus} (docs/observability.md, "Who may scrape"): the metrics carry tenant ids
 * and each tenant's activity, so they are not for anonymous callers from elsewhere. A scrape from this machine
 * (loopback, not forwarded by a proxy) is allowed; from anywhere else it needs {@code Authorization: Bearer <token>}
 * with the node's {@code rampart.observability.metrics-token} (none by default: remote scrapes are refused).
 */
final class MetricsAccess extends OncePerRequestFilter {

	private final byte @Nullable [] token;
	private final Problems problems;
	private final ProblemWriter writer;

	MetricsAccess(@Nullable String token, Problems problems, ProblemWriter writer) {
		this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
		this.problems = problems;
		this.writer = writer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (allowed(request)) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader("WWW-Authenticate", "Bearer");
		writer.write(response, problems.of(ErrorCode.AUTHENTICATION_REQUIRED, token == null
				? "Metrics are served to this machine only; set rampart.observability.metrics-token to scrape from elsewhere."
				: "Send the metrics token: Authorization: Bearer <rampart.observability.metrics-token>."));
	}

	boolean allowed(HttpServletRequest request) {
		String address = request.getRemoteAddr();
		boolean loopback = address != null && (address.startsWith("127.") || address.equals("::1")
				|| address.equals("0:0:0:0:0:0:0:1"));
		if (loopback && request.getHeader("X-Forwarded-For") == null && request.getHeader("Forwarded") == null) {
			return true;
		}
		String header = request.getHeader("Authorization");
		return token != null && header != null && header.startsWith("Bearer ")
				&& MessageDigest.isEqual(token, header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8));
	}
}
