package dev.rampart.tools;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.shared.IfMatch;
import dev.rampart.shared.TenantId;

/**
 * A tenant's MCP servers (docs/mcp.md), whose discovered tools {@link Tools} offers. Every method is scoped to the
 * tenant: another tenant's server is absent. Saving checks the URL like any tool egress ({@code EGRESS_REFUSED} as a
 * field error) and then discovers the server's tools; a server that cannot be reached is saved all the same, with the
 * failure in {@link McpServer#discovery()}. Changes are audited.
 */
public interface McpServers {

	List<McpServer> list(TenantId tenant);

	Optional<McpServer> find(TenantId tenant, UUID id);

	/** @throws dev.rampart.shared.RampartException {@code MCP_SERVER_NAME_TAKEN}; field errors for bad settings */
	McpServer create(TenantId tenant, McpServer.Settings settings);

	/**
	 * Replaces the settings; a stale {@code ifMatch} is overwritten with a warning, or refused when strict (see
	 * {@link dev.rampart.shared.VersionConflicts}).
	 */
	McpServer replace(TenantId tenant, UUID id, McpServer.Settings settings, IfMatch ifMatch);

	/** @throws dev.rampart.shared.RampartException {@code TOOL_IN_USE} naming what still uses one of its tools */
	void delete(TenantId tenant, UUID id);

	/** Asks the server for its tools now; a failure is recorded in the answer's {@code discovery}, not thrown. */
	McpServer refresh(TenantId tenant, UUID id);
}
