package dev.rampart.tools;

import java.util.Collection;
import java.util.List;

import dev.rampart.shared.TenantId;

/**
 * Implemented by modules whose resources name tools (agents' tool bindings), so that a tool source still in use (an
 * MCP server, an OpenAPI tool set) is not deleted from under them: the delete answers {@code TOOL_IN_USE} with what
 * every implementation reports. Called inside the deleting transaction, bound to the tenant.
 */
public interface ToolReferences {

	/** Short, user-readable names of what in the tenant still uses any of these tools (e.g. {@code agent support-bot}). */
	List<String> referencesTo(TenantId tenant, Collection<String> toolNames);
}
