package dev.rampart.gateway.threats;

import java.io.IOException;

import dev.rampart.gateway.ThreatSignals;
import dev.rampart.shared.TenantId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every answered API request for threat detection: its status, concrete path, response bytes
 * and whether it created a run. It wraps the whole chain, so requests that authentication refuses
 * (401) are counted too; the principal is learnt from {@link CallerCapture} when the request got that
 * far, and is otherwise the source address. A run creation is a {@code POST} to {@code /api/v1/runs}
 * or {@code /api/v1/agents/{id}/runs}.
 */
final class ThreatRecordingFilter extends OncePerRequestFilter {

	static final String CALLER = ThreatRecordingFilter.class.getName() + ".caller";

	/** Who the request acted for, as the capture interceptor saw it. */
	record Caller(TenantId tenant, String key) {
	}

	private final ThreatRecorder recorder;

	ThreatRecordingFilter(ThreatRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		CountingResponse counted = new CountingResponse(response);
		try {
			chain.doFilter(request, counted);
		}
		finally {
			String path = request.getRequestURI();
			if (request.getAttribute(CALLER) instanceof Caller caller) {
				recorder.request(caller.tenant(), caller.key(), counted.getStatus(), path, counted.written(),
						isRunCreation(request.getMethod(), path));
			}
			else {
				recorder.request(null, ThreatSignals.addressKey(request.getRemoteAddr()), counted.getStatus(), path,
						counted.written(), false);
			}
		}
	}

	static boolean isRunCreation(String method, String path) {
		if (!"POST".equals(method)) {
			return false;
		}
		if (path.equals("/api/v1/runs")) {
			return true;
		}
		String agents = "/api/v1/agents/";
		return path.startsWith(agents) && path.endsWith("/runs") && path.length() > agents.length() + "/runs".length()
				&& path.indexOf('/', agents.length()) == path.length() - "/runs".length();
	}
}
