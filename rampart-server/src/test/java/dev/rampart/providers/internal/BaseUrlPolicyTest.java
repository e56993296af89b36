package dev.rampart.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlPolicyTest {

	@ParameterizedTest
	@ValueSource(strings = { "http://169.254.169.254/latest", "http://[fe80::1]/v1", "http://[::ffff:169.254.169.254]/v1",
			"http://metadata.google.internal/v1", "http://0.0.0.0:8080/v1", "http://224.0.0.1/v1" })
	void metadataAndUnusableAddressesAreAlwaysRefused(String url) {
		assertThat(BaseUrlPolicy.refusal(URI.create(url), true)).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:11434", "http://10.1.2.3/v1", "http://192.168.1.5/v1", "http://[::1]/v1",
			"http://[fd00::1]/v1", "http://[::ffff:10.0.0.1]/v1" })
	void privateNetworksAreAllowedUnlessTheInstallationForbidsThem(String url) {
		assertThat(BaseUrlPolicy.refusal(URI.create(url), true)).isEmpty();
		assertThat(BaseUrlPolicy.refusal(URI.create(url), false)).get().asString().contains("allow-private-networks");
	}

	@Test
	void aPublicAddressIsAllowed() {
		assertThat(BaseUrlPolicy.refusal(URI.create("https://8.8.8.8/v1"), false)).isEmpty();
	}
}
