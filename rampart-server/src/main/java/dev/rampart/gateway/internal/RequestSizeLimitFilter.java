package dev.rampart.gateway.internal;

import java.io.IOException;

import dev.rampart.gateway.GatewayProperties;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.Problems;
import dev.rampart.shared.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects request bodies over {@code rampart.gateway.max-body-size}: at once when Content-Length
 * says so, and while reading when a chunked body grows past the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long limit;
	private final Problems problems;
	private final ProblemWriter writer;

	RequestSizeLimitFilter(GatewayProperties properties, Problems problems, ProblemWriter writer) {
		this.limit = properties.maxBodySize().toBytes();
		this.problems = problems;
		this.writer = writer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > limit) {
			writer.write(response, problems.of(ErrorCode.PAYLOAD_TOO_LARGE,
					"The request body exceeds the limit of " + limit + " bytes."));
			return;
		}
		chain.doFilter(new LimitedRequest(request, limit), response);
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;
		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new CountingInputStream(super.getInputStream(), limit);
			}
			return stream;
		}
	}
}
