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
 * @param step the step pipeline's own limits
 */
@ConfigurationProperties("rampart.agents")
public record AgentsProperties(@DefaultValue("30d") Duration restoreWindow, @DefaultValue("1h") Duration purgeInterval,
		@DefaultValue("5s") Duration cacheTtl, @DefaultValue Step step) {

	public AgentsProperties {
		if (restoreWindow.isNegative() || purgeInterval.isNegative() || purgeInterval.isZero() || cacheTtl.isNegative()) {
			throw new IllegalArgumentException("rampart.agents: restore-window and cache-ttl must be >= 0, purge-interval > 0");
		}
	}

	/**
	 * How long a step waits for what it loads before its first model call (docs/agents.md, "The step pipeline").
	 *
	 * @param memoryTimeout the memory search; past it the step goes on without memories ({@code degraded})
	 * @param toolsTimeout loading the agent's tools and preparing the prompt; past it the step fails
	 */
	public record Step(@DefaultValue("2s") Duration memoryTimeout, @DefaultValue("2s") Duration toolsTimeout) {

		public Step {
			if (!memoryTimeout.isPositive() || !toolsTimeout.isPositive()) {
				throw new IllegalArgumentException("rampart.agents.step: memory-timeout and tools-timeout must be > 0");
			}
		}
	}
}
