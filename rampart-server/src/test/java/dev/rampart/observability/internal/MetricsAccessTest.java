package dev.rampart.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Scrapes from this machine pass; from elsewhere only with the configured token, which none is by default. */
class MetricsAccessTest {

	private static MockHttpServletRequest from(String address) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
		request.setRemoteAddr(address);
		return request;
	}

	@Test
	void loopbackPassesUnlessAProxyForwardedTheRequest() {
		MetricsAccess access = new MetricsAccess(null, null, null);
		assertThat(access.allowed(from("127.0.0.1"))).isTrue();
		assertThat(access.allowed(from("0:0:0:0:0:0:0:1"))).isTrue();
		MockHttpServletRequest forwarded = from("127.0.0.1");
		forwarded.addHeader("X-Forwarded-For", "203.0.113.9");
		assertThat(access.allowed(forwarded)).isFalse();
	}

	@Test
	void anotherAddressNeedsTheTokenAndThereIsNoneByDefault() {
		MockHttpServletRequest remote = from("10.1.2.3");
		remote.addHeader("Authorization", "Bearer ");
		assertThat(new MetricsAccess(null, null, null).allowed(remote)).isFalse();
		assertThat(new MetricsAccess("  ", null, null).allowed(remote)).isFalse();

		MetricsAccess access = new MetricsAccess("scrape-7f3a", null, null);
		assertThat(access.allowed(from("10.1.2.3"))).isFalse();
		MockHttpServletRequest wrong = from("10.1.2.3");
		wrong.addHeader("Authorization", "Bearer scrape-7f3b");
		assertThat(access.allowed(wrong)).isFalse();
		MockHttpServletRequest right = from("10.1.2.3");
		right.addHeader("Authorization", "Bearer scrape-7f3a");
		assertThat(access.allowed(right)).isTrue();
	}
}
