package dev.rampart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OriginPolicyTest {

	static final String SELF = "https://rampart.example.org";

	final OriginPolicy policy = new OriginPolicy(List.of("https://Console.Example.org:443", "http://localhost:5173"));

	@Test
	void ownOriginAndAllowlistedOriginsAreAllowed() {
		assertThat(policy.allows("https://rampart.example.org", SELF)).isTrue();
		assertThat(policy.allows("https://console.example.org", SELF)).isTrue();
		assertThat(policy.allows("HTTP://LOCALHOST:5173", SELF)).isTrue();
	}

	@Test
	void otherOriginsAreRefused() {
		assertThat(policy.allows("https://evil.example", SELF)).isFalse();
		assertThat(policy.allows("http://console.example.org", SELF)).isFalse();
		assertThat(policy.allows("https://console.example.org.evil.example", SELF)).isFalse();
		assertThat(policy.allows("http://localhost:5174", SELF)).isFalse();
	}

	@Test
	void opaqueAndMalformedOriginsAreRefused() {
		assertThat(policy.allows("null", SELF)).isFalse();
		assertThat(policy.allows("file://", SELF)).isFalse();
		assertThat(policy.allows("https://console.example.org/path", SELF)).isFalse();
		assertThat(policy.allows("https://user@console.example.org", SELF)).isFalse();
		assertThat(policy.allows("", SELF)).isFalse();
	}

	@Test
	void aRequestWithoutOriginIsNotFromABrowserPageAndIsAllowed() {
		assertThat(policy.allows(null, SELF)).isTrue();
	}

	@Test
	void anEmptyAllowlistAllowsOnlyTheOwnOrigin() {
		OriginPolicy none = new OriginPolicy(List.of());

		assertThat(none.allows(SELF, SELF)).isTrue();
		assertThat(none.allows("https://console.example.org", SELF)).isFalse();
	}
}
