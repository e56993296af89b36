package dev.rampart.tools.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.rampart.tools.McpServer;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what an MCP server lists into tools Rampart can offer: names become {@code <server>_<tool>} in
 * {@code [a-z0-9_]}, at most {@link #MAX_NAME} characters and unique within the server (a clash gets {@code _2},
 * {@code _3}…), so a server's tools cannot take a built-in's name or another server's. Descriptions and the number of
 * tools are capped, since both go to the model with every step.
 */
final class McpToolNames {

	static final int MAX_NAME = 64;

	static final int MAX_TOOLS = 200;

	static final int MAX_DESCRIPTION = 2_000;

	private McpToolNames() {
	}

	static List<McpServer.DiscoveredTool> discovered(String server, List<McpSchema.Tool> listed, JsonMapper json) {
		List<McpServer.DiscoveredTool> tools = new ArrayList<>();
		Set<String> taken = new HashSet<>();
		for (McpSchema.Tool tool : listed) {
			if (tools.size() == MAX_TOOLS || tool.name() == null || tool.name().isBlank()) {
				continue;
			}
			String name = unique(name(server, tool.name()), taken);
			String description = tool.description() != null ? tool.description()
					: tool.title() != null ? tool.title() : tool.name();
			if (description.length() > MAX_DESCRIPTION) {
				description = description.substring(0, MAX_DESCRIPTION);
			}
			tools.add(new McpServer.DiscoveredTool(name, tool.name(), description, schema(tool.inputSchema(), json)));
		}
		return tools;
	}

	/** {@code <server>_<tool>}: lower case, every run of other characters one {@code _}, cut to {@link #MAX_NAME}. */
	static String name(String server, String tool) {
		String normalised = tool.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
		String name = server + "_" + (normalised.isEmpty() ? "tool" : normalised);
		return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
	}

	private static String unique(String name, Set<String> taken) {
		String candidate = name;
		for (int n = 2; !taken.add(candidate); n++) {
			String suffix = "_" + n;
			candidate = (name.length() + suffix.length() > MAX_NAME ? name.substring(0, MAX_NAME - suffix.length()) : name)
					+ suffix;
		}
		return candidate;
	}

	/** The server's input schema as an object schema ({@code {"type":"object"}} when it gave none). */
	private static JsonNode schema(Map<String, Object> inputSchema, JsonMapper json) {
		JsonNode node = inputSchema == null ? null : json.valueToTree(inputSchema);
		if (node instanceof ObjectNode object) {
			if (!object.has("type")) {
				object.put("type", "object");
			}
			return object;
		}
		return json.createObjectNode().put("type", "object");
	}
}
