package dev.rampart.tools.internal;

import java.util.Collection;
import java.util.List;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.tools.ToolReferences;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The in-use check before a tool source (an OpenAPI tool set, an MCP server) loses tools: every {@link ToolReferences}
 * bean is asked, inside the deleting transaction, and anything that still binds one of the tools refuses the change
 * with {@code TOOL_IN_USE} naming it.
 */
@Component
class ToolsInUse {

	private final ObjectProvider<ToolReferences> references;

	ToolsInUse(ObjectProvider<ToolReferences> references) {
		this.references = references;
	}

	/**
	 * @param source how the error names the source ({@code tool set 'pets'})
	 * @throws RampartException {@code TOOL_IN_USE} when something binds one of {@code toolNames}
	 */
	void refuse(TenantId tenant, String source, Collection<String> toolNames) {
		if (toolNames.isEmpty()) {
			return;
		}
		List<String> users = references.orderedStream()
			.flatMap(reference -> reference.referencesTo(tenant, toolNames).stream())
			.distinct()
			.toList();
		if (!users.isEmpty()) {
			throw new RampartException(ErrorCode.TOOL_IN_USE, "The tools of " + source + " are used by: "
					+ String.join(", ", users) + ".");
		}
	}
}
