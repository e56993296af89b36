package dev.rampart.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdFilterTest {

	@Test
	void theRequestIdIsInTheLoggingContextWhileTheRequestRunsAndRemovedAfter() throws Exception {
		var request = new MockHttpServletRequest("GET", "/api/v1/credentials");
		request.addHeader("X-Request-Id", "abc-123");
		var response = new MockHttpServletResponse();
		AtomicReference<String> seen = new AtomicReference<>();

		new RequestIdFilter().doFilter(request, response, (req, res) -> seen.set(MDC.get("requestId")));

		assertThat(seen.get()).isEqualTo("abc-123");
		assertThat(response.getHeader("X-Request-Id")).isEqualTo("abc-123");
		assertThat(MDC.get("requestId")).isNull();
	}

	@Test
	void onlyShortIdsOfSafeCharactersAreAccepted() {
		assertThat(RequestIdFilter.accepted("A.b_c-9")).isEqualTo("A.b_c-9");
		assertThat(RequestIdFilter.accepted("x".repeat(64))).isEqualTo("x".repeat(64));
		assertThat(RequestIdFilter.accepted("x".repeat(65))).hasSize(36);
		assertThat(RequestIdFilter.accepted("a\r\nSet-Cookie: x")).hasSize(36);
		assertThat(RequestIdFilter.accepted("")).hasSize(36);
		assertThat(RequestIdFilter.accepted(null)).hasSize(36);
	}
}
