package dev.rampart.tools;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The node's external tools at a glance, for {@code /actuator/health} (component {@code external_tools}): how the
 * last discovery of every enabled MCP server went, across tenants, and how many tool breakers are open on this node.
 * Counts only, never a tenant's names or errors, since the health endpoint is not tenant-scoped.
 */
public interface ExternalToolsHealth {

	/** Reads the MCP servers' discovery state from the database and the breakers from memory. */
	State state();

	/**
	 * @param mcpServers enabled MCP servers of every tenant
	 * @param mcpFailing those whose last discovery failed (they still offer the tools found before)
	 * @param mcpPending those never discovered yet
	 * @param lastRefreshAt when a discovery last ran, or null
	 * @param openBreakers external tools (per tenant) whose breaker is open on this node
	 * @param mcpTenants tenants with an enabled MCP server discovered at least once
	 * @param mcpFailingTenants those of them with a server whose last discovery failed
	 * @param breakerTenants tenants whose external tools hold a breaker on this node (called in the last hour)
	 * @param openBreakerTenants those of them with a breaker open now
	 */
	record State(int mcpServers, int mcpFailing, int mcpPending, @Nullable Instant lastRefreshAt, int openBreakers,
			int mcpTenants, int mcpFailingTenants, int breakerTenants, int openBreakerTenants) {
	}
}
