package dev.rampart.secrets.internal.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import dev.rampart.shared.startup.StartupProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rampart.tls.*}: whether the node serves HTTPS, with which certificate and from which TLS
 * version. An unknown mode or version stops start-up with a {@link StartupProblem}.
 *
 * @param mode {@code off} (default, plain HTTP), {@code auto} (a self-signed certificate for local use,
 * generated under {@code <data-dir>/tls}) or {@code files} (your certificate) ({@code RAMPART_TLS})
 * @param certificate PEM file with the server certificate, then its chain, for {@code files}
 * ({@code RAMPART_TLS_CERTIFICATE})
 * @param privateKey unencrypted PEM file with the certificate's private key, for {@code files}
 * ({@code RAMPART_TLS_PRIVATE_KEY})
 * @param minVersion lowest TLS version accepted: {@code 1.3} (default) or {@code 1.2}
 * @param hsts the Strict-Transport-Security header sent on HTTPS responses
 */
@ConfigurationProperties("rampart.tls")
@Validated
record TlsProperties(@DefaultValue("off") String mode, @Nullable Path certificate, @Nullable Path privateKey,
		@DefaultValue("1.3") String minVersion, @Valid @DefaultValue Hsts hsts) {

	static final String OFF = "off";
	static final String AUTO = "auto";
	static final String FILES = "files";

	TlsProperties {
		mode = mode == null || mode.isBlank() ? OFF : mode.strip().toLowerCase(Locale.ROOT);
		if (!mode.equals(OFF) && !mode.equals(AUTO) && !mode.equals(FILES)) {
			throw new StartupProblem("The TLS mode '" + mode + "' (RAMPART_TLS) is not one of off, auto or files.",
					"Set RAMPART_TLS to off, auto (a self-signed certificate for local use) or files (your own certificate).");
		}
		minVersion = minVersion == null ? "1.3" : minVersion.strip();
		if (!minVersion.equals("1.2") && !minVersion.equals("1.3")) {
			throw new StartupProblem("The TLS minimum version '" + minVersion + "' (rampart.tls.min-version) is not 1.2 or 1.3.",
					"Set rampart.tls.min-version to 1.3 (recommended) or to 1.2 for clients that cannot do TLS 1.3.");
		}
	}

	boolean enabled() {
		return !mode.equals(OFF);
	}

	boolean auto() {
		return mode.equals(AUTO);
	}

	/** The protocol names the server enables, as JSSE spells them. */
	String[] protocols() {
		return minVersion.equals("1.3") ? new String[] { "TLSv1.3" } : new String[] { "TLSv1.2", "TLSv1.3" };
	}

	/**
	 * @param maxAge how long browsers must use HTTPS only (default 365 days)
	 * @param includeSubDomains whether that also applies to every subdomain (default false)
	 */
	record Hsts(@DefaultValue("365d") @NotNull @DurationMin(seconds = 0) Duration maxAge,
			@DefaultValue("false") boolean includeSubDomains) {

		String headerValue() {
			return "max-age=" + maxAge.toSeconds() + (includeSubDomains ? "; includeSubDomains" : "");
		}
	}
}
