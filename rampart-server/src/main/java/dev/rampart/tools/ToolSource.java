package dev.rampart.tools;

import java.util.List;

import dev.rampart.shared.TenantId;

/**
 * Where a tenant's tools come from: the built-ins, tools generated from OpenAPI documents, tools discovered on MCP
 * servers, and tools other modules contribute (memory tools). {@code Tools} merges every source; a name two sources
 * both offer goes to the first source in {@link org.springframework.core.annotation.Order} order.
 */
public interface ToolSource {

	/** The tools this source offers the tenant now; never throws for an unreachable backend (it offers fewer). */
	List<Tool> tools(TenantId tenant);
}
