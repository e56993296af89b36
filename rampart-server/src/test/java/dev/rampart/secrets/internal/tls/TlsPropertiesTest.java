package dev.rampart.secrets.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import dev.rampart.shared.startup.StartupProblem;
import org.junit.jupiter.api.Test;

class TlsPropertiesTest {

	private static final TlsProperties.Hsts HSTS = new TlsProperties.Hsts(Duration.ofDays(365), false);

	@Test
	void anUnknownModeStopsStartUpNamingTheModesThereAre() {
		assertThatThrownBy(() -> new TlsProperties("on", null, null, "1.3", HSTS)).isInstanceOf(StartupProblem.class)
			.hasMessage("The TLS mode 'on' (RAMPART_TLS) is not one of off, auto or files.")
			.extracting(ex -> ((StartupProblem) ex).action())
			.asString()
			.contains("Set RAMPART_TLS to off, auto");
	}

	@Test
	void anUnknownMinimumVersionStopsStartUp() {
		assertThatThrownBy(() -> new TlsProperties("auto", null, null, "1.1", HSTS)).isInstanceOf(StartupProblem.class)
			.hasMessage("The TLS minimum version '1.1' (rampart.tls.min-version) is not 1.2 or 1.3.");
	}

	@Test
	void modeIsReadWithoutRegardToCaseAndBlankMeansOff() {
		assertThat(new TlsProperties(" AUTO ", null, null, "1.3", HSTS).auto()).isTrue();
		assertThat(new TlsProperties("", null, null, "1.3", HSTS).enabled()).isFalse();
	}

	@Test
	void minimumVersion13EnablesOnlyTls13And12EnablesBoth() {
		assertThat(new TlsProperties("auto", null, null, "1.3", HSTS).protocols()).containsExactly("TLSv1.3");
		assertThat(new TlsProperties("auto", null, null, "1.2", HSTS).protocols()).containsExactly("TLSv1.2", "TLSv1.3");
	}

	@Test
	void hstsHeaderStatesMaxAgeInSecondsAndSubdomainsOnlyWhenAsked() {
		assertThat(HSTS.headerValue()).isEqualTo("max-age=31536000");
		assertThat(new TlsProperties.Hsts(Duration.ofDays(1), true).headerValue()).isEqualTo("max-age=86400; includeSubDomains");
	}
}
