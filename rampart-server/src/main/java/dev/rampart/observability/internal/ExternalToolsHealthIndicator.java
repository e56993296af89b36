package dev.rampart.observability.internal;

import dev.rampart.tools.ExternalToolsHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code external_tools}: the last discovery of the enabled MCP servers and the open tool breakers
 * on this node, as counts. DEGRADED when a server's last discovery failed or a breaker is open (runs that need those
 * tools skip or fail them; everything else works); never DOWN.
 */
@Component("external_tools")
class ExternalToolsHealthIndicator implements HealthIndicator {

	private final ExternalToolsHealth tools;

	ExternalToolsHealthIndicator(ExternalToolsHealth tools) {
		this.tools = tools;
	}

	@Override
	public Health health() {
		ExternalToolsHealth.State state = tools.state();
		return (state.degraded() ? Health.status(HealthChecker.DEGRADED) : Health.up())
			.withDetail("mcpServers", state.mcpServers())
			.withDetail("mcpFailing", state.mcpFailing())
			.withDetail("mcpPending", state.mcpPending())
			.withDetail("lastRefreshAt", String.valueOf(state.lastRefreshAt()))
			.withDetail("openBreakers", state.openBreakers())
			.build();
	}
}
