package dev.rampart.identity;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rampart.identity.cache.*}: what the request path keeps in memory so that a request does
 * not verify an ES256 signature or read the database to know who is calling (docs/identity.md,
 * "Performance of the request path").
 *
 * @param verifiedTokens how many verified access tokens are remembered, each until its {@code exp}
 * (default 10,000; 0 verifies every token every time)
 * @param rows how many users' access state (disabled, tokens valid after, roles) and API keys are
 * remembered, each (default 10,000 of each)
 * @param ttl the longest a remembered user state or API key is used before it is read again
 * (default 1 minute; 0 turns these two caches off). Changes reach every node's cache at once through
 * PostgreSQL notifications; this bounds staleness should a notification ever be missed unnoticed.
 * @param listenerHeartbeat how long the node's listening connection ({@code shared.NotifyChannels}) waits
 * quietly before it checks itself with a query; an outage is noticed within about this time (default 5 s)
 * @param listenerMaxBackoff the longest wait between attempts to reconnect the listening connection (default
 * 30 s, which is also the most it ever waits)
 */
@ConfigurationProperties("rampart.identity.cache")
@Validated
public record IdentityCacheProperties(@DefaultValue("10000") @Min(0) @Max(1_000_000) int verifiedTokens,
		@DefaultValue("10000") @Min(0) @Max(1_000_000) int rows,
		@DefaultValue("1m") @DurationMin(seconds = 0) @DurationMax(hours = 1) Duration ttl,
		@DefaultValue("5s") @DurationMin(millis = 100) @DurationMax(minutes = 1) Duration listenerHeartbeat,
		@DefaultValue("30s") @DurationMin(millis = 100) @DurationMax(minutes = 10) Duration listenerMaxBackoff) {

	/** Whether user states and API keys are cached at all. */
	public boolean cachesRows() {
		return rows > 0 && ttl.isPositive();
	}
}
