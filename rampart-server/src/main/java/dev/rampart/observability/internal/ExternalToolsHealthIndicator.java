package dev.rampart.observability.internal;

import dev.rampart.tools.ExternalToolsHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code external_tools}: the last discovery of the enabled MCP servers and the tool breakers on this
 * node, as counts (docs/health.md). A tenant's broken integration (its MCP server down, its tool's breaker open) is
 * that tenant's problem, shown in the counts while the component stays UP; DEGRADED only when the failures are
 * widespread, which points at the platform's own tool machinery (its network, DNS or proxy, the invoker): servers of at
 * least {@value #WIDESPREAD} tenants and of more than half the tenants with discovered servers failing, or breakers
 * open for at least {@value #WIDESPREAD} tenants and more than half the tenants that called tools lately. Never DOWN.
 */
@Component("external_tools")
class ExternalToolsHealthIndicator implements HealthIndicator {

	/** Fewest tenants whose failures can count as the platform's: one tenant alone never does. */
	static final int WIDESPREAD = 2;

	private final ExternalToolsHealth tools;

	ExternalToolsHealthIndicator(ExternalToolsHealth tools) {
		this.tools = tools;
	}

	@Override
	public Health health() {
		ExternalToolsHealth.State state = tools.state();
		boolean serversFailing = widespread(state.mcpFailingTenants(), state.mcpTenants());
		boolean breakersOpen = widespread(state.openBreakerTenants(), state.breakerTenants());
		Health.Builder health = serversFailing || breakersOpen ? Health.status(HealthChecker.DEGRADED) : Health.up();
		if (serversFailing || breakersOpen) {
			health.withDetail("reason", serversFailing ? "MCP servers of most tenants fail"
					: "tool breakers of most tenants are open");
		}
		return health.withDetail("mcpServers", state.mcpServers())
			.withDetail("mcpFailing", state.mcpFailing())
			.withDetail("mcpPending", state.mcpPending())
			.withDetail("lastRefreshAt", String.valueOf(state.lastRefreshAt()))
			.withDetail("tenantsWithServers", state.mcpTenants())
			.withDetail("tenantsWithFailingServers", state.mcpFailingTenants())
			.withDetail("openBreakers", state.openBreakers())
			.withDetail("tenantsWithBreakers", state.breakerTenants())
			.withDetail("tenantsWithOpenBreakers", state.openBreakerTenants())
			.build();
	}

	private static boolean widespread(int failingTenants, int tenants) {
		return failingTenants >= WIDESPREAD && failingTenants * 2 > tenants;
	}
}
