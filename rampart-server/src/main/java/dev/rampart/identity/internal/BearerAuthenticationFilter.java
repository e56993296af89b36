package dev.rampart.identity.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.rampart.identity.ApiKeys;
import dev.rampart.identity.InvalidTokenException;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.ProblemWriter;
import dev.rampart.shared.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer} requests: an {@code rpk_} value as an API key,
 * anything else as an access token. A request without the header passes on unauthenticated (the
 * authorization rules decide); a header that does not authenticate ends the request with 401.
 */
final class BearerAuthenticationFilter extends OncePerRequestFilter {

	private final Authentication authentication;
	private final ApiKeys apiKeys;
	private final Problems problems;
	private final ProblemWriter writer;

	BearerAuthenticationFilter(Authentication authentication, ApiKeys apiKeys, Problems problems, ProblemWriter writer) {
		this.authentication = authentication;
		this.apiKeys = apiKeys;
		this.problems = problems;
		this.writer = writer;
	}

	/** The principal as Spring Security carries it. */
	static final class PrincipalAuthentication extends AbstractAuthenticationToken {

		private final RampartPrincipal principal;

		PrincipalAuthentication(RampartPrincipal principal) {
			super(List.of());
			this.principal = principal;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public RampartPrincipal getPrincipal() {
			return principal;
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			chain.doFilter(request, response);
			return;
		}
		String token = header.substring(7).strip();
		try {
			RampartPrincipal principal = token.startsWith("rpk_") ? apiKey(token) : authentication.principal(token);
			SecurityContextHolder.getContext().setAuthentication(new PrincipalAuthentication(principal));
			chain.doFilter(request, response);
		}
		catch (InvalidTokenException ex) {
			response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
			writer.write(response, problems.of(ex));
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private RampartPrincipal apiKey(String token) {
		try (SecretValue secret = SecretValue.of(token)) {
			Optional<ApiKeys.ApiKey> key = apiKeys.authenticate(secret);
			ApiKeys.ApiKey found = key.orElseThrow(() -> new InvalidTokenException("unknown, expired or revoked API key", false,
					"API key"));
			return authentication.principal(found);
		}
	}
}
