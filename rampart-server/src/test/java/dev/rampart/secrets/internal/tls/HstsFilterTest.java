package dev.rampart.secrets.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class HstsFilterTest {

	private static final TlsProperties.Hsts HSTS = new TlsProperties.Hsts(Duration.ofDays(365), true);

	@Test
	void givenTlsOnWhenARequestArrivesOverHttpsThenHstsIsSent() throws Exception {
		MockHttpServletResponse response = filter("auto", true);

		assertThat(response.getHeader(HstsFilter.HEADER)).isEqualTo("max-age=31536000; includeSubDomains");
	}

	@Test
	void givenTlsOnWhenARequestArrivesOverPlainHttpThenNoHstsIsSent() throws Exception {
		assertThat(filter("auto", false).getHeader(HstsFilter.HEADER)).isNull();
	}

	@Test
	void givenTlsOffWhenAProxySaysTheRequestWasSecureThenNoHstsIsSent() throws Exception {
		assertThat(filter("off", true).getHeader(HstsFilter.HEADER)).isNull();
	}

	private static MockHttpServletResponse filter(String mode, boolean secure) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
		request.setSecure(secure);
		MockHttpServletResponse response = new MockHttpServletResponse();
		new HstsFilter(new TlsProperties(mode, null, null, "1.3", HSTS)).doFilter(request, response, new MockFilterChain());
		return response;
	}
}
