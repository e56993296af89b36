package dev.rampart.gateway;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shared Redis ({@code RAMPART_REDIS_URL}, e.g. {@code redis://127.0.0.1:6379}); without it
 * every node limits on its own. Lives in the gateway while rate limits are its only user.
 *
 * @param url a Lettuce Redis URI, or none
 */
@ConfigurationProperties("rampart.redis")
public record RedisProperties(@Nullable String url) {
}
