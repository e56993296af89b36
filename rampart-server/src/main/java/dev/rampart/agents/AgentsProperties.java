package dev.rampart.agents;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the agents module (docs/agents.md).
 *
 * @param restoreWindow how long a deleted agent can be restored ({@code POST /api/v1/agents/{id}/restore}); after it,
 *     the purge job deletes the agent's rows and publishes {@link AgentPurged}
 * @param purgeInterval how often every node runs the purge job
 * @param cacheTtl how long a resolved version is reused; a change on this node evicts at once
 */
@ConfigurationProperties("rampart.agents")
public record AgentsProperties(@DefaultValue("30d") Duration restoreWindow, @DefaultValue("1h") Duration purgeInterval,
		@DefaultValue("5s") Duration cacheTtl) {

	public AgentsProperties {
		if (restoreWindow.isNegative() || purgeInterval.isNegative() || purgeInterval.isZero() || cacheTtl.isNegative()) {
			throw new IllegalArgumentException("rampart.agents: restore-window and cache-ttl must be >= 0, purge-interval > 0");
		}
	}
}
