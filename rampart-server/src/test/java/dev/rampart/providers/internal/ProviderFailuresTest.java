package dev.rampart.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.RateLimitException;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderType;
import dev.rampart.providers.ProviderException;
import dev.rampart.providers.ProviderException.Kind;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one mapping of HTTP statuses and client failures to the taxonomy, and the one check of the settings. */
class ProviderFailuresTest {

	private static final Provider SIM = Provider.builtIn("sim", ProviderType.SIM, URI.create("http://127.0.0.1:1/v1"), List.of("sim-echo"),
			ProvidersProperties.Resilience.defaults());

	@ParameterizedTest(name = "HTTP {0} → {1}")
	@CsvSource({ "429, RATE_LIMITED, PROVIDER_UNAVAILABLE, true", "500, SERVER_ERROR, PROVIDER_CALL_FAILED, true",
			"502, SERVER_ERROR, PROVIDER_CALL_FAILED, true", "503, SERVER_ERROR, PROVIDER_CALL_FAILED, true",
			"408, TIMEOUT, PROVIDER_CALL_FAILED, true", "401, AUTHENTICATION, PROVIDER_AUTH_FAILED, false",
			"403, AUTHENTICATION, PROVIDER_AUTH_FAILED, false", "400, INVALID_REQUEST, PROVIDER_REJECTED_REQUEST, false",
			"404, INVALID_REQUEST, PROVIDER_REJECTED_REQUEST, false", "422, INVALID_REQUEST, PROVIDER_REJECTED_REQUEST, false" })
	void anHttpStatusMapsToOneKind(int status, Kind kind, ErrorCode code, boolean retriable) {
		ProviderException failure = (ProviderException) ProviderFailures.of(SIM,
				new RuntimeException(new RetryAfterHttpException(status, "{}", Duration.ofSeconds(4))));

		assertThat(failure.kind()).isEqualTo(kind);
		assertThat(failure.code()).isEqualTo(code);
		assertThat(failure.mayRetry()).isEqualTo(retriable);
		assertThat(failure.retryAfter()).isEqualTo(status == 429 ? Duration.ofSeconds(4) : null);
		assertThat(failure.technicalDetails()).isEqualTo("Provider 'sim' answered HTTP " + status + ".");
	}

	@Test
	void clientLibraryAndNetworkFailuresMapToo() {
		assertThat(kind(new UncheckedIOException(new HttpTimeoutException("slow")))).isEqualTo(Kind.TIMEOUT);
		assertThat(kind(new UncheckedIOException(new IOException("reset")))).isEqualTo(Kind.CONNECTION);
		assertThat(kind(new ContentFilteredException("no"))).isEqualTo(Kind.CONTENT_FILTERED);
		assertThat(kind(new RateLimitException("slow down"))).isEqualTo(Kind.RATE_LIMITED);
		assertThat(kind(new IllegalStateException("odd"))).isEqualTo(Kind.CONNECTION);
	}

	@Test
	void aStreamFailureAfterOutputIsNeverRetried() {
		ProviderException failure = (ProviderException) ProviderFailures.of(SIM, new UncheckedIOException(new IOException("x")));

		assertThat(failure.mayRetry()).isTrue();
		assertThat(failure.afterDelivered().mayRetry()).isFalse();
		assertThat(failure.afterDelivered().kind()).isEqualTo(Kind.CONNECTION);
	}

	@Test
	void badSettingsStopTheStartNamingTheProperty() {
		assertThatThrownBy(() -> new ProvidersProperties.Resilience(0, Duration.ofMillis(200), Duration.ofSeconds(10),
				Duration.ofSeconds(30), 5, Duration.ofSeconds(60), 64, Duration.ofSeconds(10), Duration.ofSeconds(60),
				Duration.ofSeconds(120))).hasMessageContaining("rampart.providers.resilience.max-attempts");
		assertThatThrownBy(() -> new ProvidersProperties.Resilience(3, Duration.ofMillis(200), Duration.ofSeconds(10),
				Duration.ofSeconds(30), 5, Duration.ofSeconds(60), 64, Duration.ofSeconds(10), Duration.ofSeconds(180),
				Duration.ofSeconds(120))).hasMessageContaining("first-token-timeout");
		assertThatThrownBy(() -> new ProvidersProperties.Resilience(3, Duration.ofMillis(200), Duration.ofMillis(100),
				Duration.ofSeconds(30), 5, Duration.ofSeconds(60), 64, Duration.ofSeconds(10), Duration.ofSeconds(60),
				Duration.ofSeconds(120))).hasMessageContaining("backoff-max");
		assertThat(ProvidersProperties.Resilience.defaults().maxAttempts()).isEqualTo(3);
	}

	private static Kind kind(Throwable failure) {
		return ((ProviderException) ProviderFailures.of(SIM, failure)).kind();
	}
}
