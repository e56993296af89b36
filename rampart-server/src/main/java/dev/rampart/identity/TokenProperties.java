package dev.rampart.identity;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rampart.identity.tokens.*}: how access tokens are issued and checked.
 *
 * @param issuer the {@code iss} claim Rampart writes and requires
 * @param audience the {@code aud} claim Rampart writes and requires
 * @param accessTokenTtl lifetime of an access token (default 10 minutes)
 * @param clockSkew leeway for {@code exp} and {@code nbf} between nodes' clocks (default 30 s)
 * @param signingKeyRotation how long one signing key signs before a new one takes over; the old one
 * keeps verifying until every token it signed has expired
 */
@ConfigurationProperties("rampart.identity.tokens")
@Validated
public record TokenProperties(@DefaultValue("rampart") @NotBlank String issuer,
		@DefaultValue("rampart-api") @NotBlank String audience,
		@DefaultValue("10m") @DurationMin(minutes = 1) @DurationMax(hours = 1) Duration accessTokenTtl,
		@DefaultValue("30s") @DurationMin(seconds = 0) @DurationMax(minutes = 5) Duration clockSkew,
		@DefaultValue("30d") @DurationMin(hours = 1) Duration signingKeyRotation) {

	/** How long after a key stops signing it must still verify: a token's lifetime plus the skew. */
	public Duration verificationOverlap() {
		return accessTokenTtl.plus(clockSkew);
	}
}
