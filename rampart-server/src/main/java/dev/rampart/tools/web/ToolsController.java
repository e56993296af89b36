package dev.rampart.tools.web;

import java.util.List;

import dev.rampart.shared.Requires;
import dev.rampart.tools.BuiltInTools;
import dev.rampart.tools.Tool;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/tools}: the tools an agent can be given (docs/tools.md). Tenant tools join with issue #7. */
@RestController
@RequestMapping("/api/v1/tools")
class ToolsController {

	private final BuiltInTools builtIns;

	ToolsController(BuiltInTools builtIns) {
		this.builtIns = builtIns;
	}

	@GetMapping
	@Requires("tool:read")
	List<ToolView> list() {
		return builtIns.all().stream().map(ToolView::of).toList();
	}

	/** A tool as the model sees it: name, description and the JSON Schema of its arguments. */
	record ToolView(String name, String description, JsonNode parameters, boolean builtIn) {

		static ToolView of(Tool tool) {
			return new ToolView(tool.name(), tool.description(), tool.parameters(), true);
		}
	}
}
