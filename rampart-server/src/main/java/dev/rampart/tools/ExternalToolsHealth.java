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
	 */
	record State(int mcpServers, int mcpFailing, int mcpPending, @Nullable Instant lastRefreshAt, int openBreakers) {

		/** Whether some external tools are unavailable now: runs that need them fail or skip them. */
		public boolean degraded() {
			return mcpFailing > 0 || openBreakers > 0;
		}
	}
}
