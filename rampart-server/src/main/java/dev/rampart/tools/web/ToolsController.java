package dev.rampart.tools.web;

import java.util.List;

import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.Requires;
import dev.rampart.tools.Tool;
import dev.rampart.tools.Tools;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/tools}: every tool an agent of the tenant can be given, with where it comes from (docs/tools.md). */
@RestController
@RequestMapping("/api/v1/tools")
class ToolsController {

	private final Tools tools;
	private final CurrentTenant tenant;

	ToolsController(Tools tools, CurrentTenant tenant) {
		this.tools = tools;
		this.tenant = tenant;
	}

	@GetMapping
	@Requires("tool:read")
	List<ToolView> list() {
		return tools.available(tenant.get()).stream().map(ToolView::of).toList();
	}

	/** A tool as the model sees it (name, description, the JSON Schema of its arguments) and its source. */
	record ToolView(String name, String description, JsonNode parameters, String source, boolean builtIn) {

		static ToolView of(Tool tool) {
			return new ToolView(tool.name(), tool.description(), tool.parameters(), tool.source(),
					"built-in".equals(tool.source()));
		}
	}
}
