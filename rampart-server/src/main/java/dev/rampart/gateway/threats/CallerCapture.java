package dev.rampart.gateway.threats;

import dev.rampart.gateway.ThreatSignals;
import dev.rampart.identity.RampartPrincipal;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Notes the authenticated principal on the request for {@link ThreatRecordingFilter}, which runs
 * outside Spring Security and so no longer sees the security context when the request is answered.
 * Ordered first among the interceptors, so a request the rate limits refuse is still counted for
 * its principal.
 */
final class CallerCapture implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getDispatcherType() == DispatcherType.REQUEST) {
			var authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication != null && authentication.getPrincipal() instanceof RampartPrincipal principal) {
				request.setAttribute(ThreatRecordingFilter.CALLER,
						new ThreatRecordingFilter.Caller(principal.tenant(), ThreatSignals.keyOf(principal)));
			}
		}
		return true;
	}
}
