package dev.rampart.identity;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rampart.identity.refresh.*}: lifetimes of refresh tokens.
 *
 * @param idleTimeout a refresh token not used for this long expires (default 7 days); each rotation starts it again
 * @param absoluteLifetime no token of a sign-in outlives this, however often it is rotated (default 30 days)
 * @param reuseGrace a second use of a token within this time of its first use is refused without
 * revoking the family, for clients that retry a refresh whose answer they lost; default 0 (any
 * second use counts as reuse, as in Keycloak)
 */
@ConfigurationProperties("rampart.identity.refresh")
@Validated
public record RefreshTokenProperties(@DefaultValue("7d") @DurationMin(minutes = 1) Duration idleTimeout,
		@DefaultValue("30d") @DurationMin(minutes = 1) Duration absoluteLifetime,
		@DefaultValue("0s") @DurationMin(seconds = 0) @DurationMax(minutes = 1) Duration reuseGrace) {
}
