package dev.rampart.tools;

import java.util.List;
import java.util.Optional;

import dev.rampart.shared.TenantId;

/**
 * Every tool a tenant can give its agents: the built-ins first, then each {@link ToolSource}'s (OpenAPI tool sets, MCP
 * servers, other modules' tools). Agents bind tools by name through this, so a name means one tool per tenant.
 */
public interface Tools {

	/** The tenant's tools, built-ins first; a name offered twice goes to the first. */
	List<Tool> available(TenantId tenant);

	default Optional<Tool> find(TenantId tenant, String name) {
		return available(tenant).stream().filter(tool -> tool.name().equals(name)).findFirst();
	}
}
