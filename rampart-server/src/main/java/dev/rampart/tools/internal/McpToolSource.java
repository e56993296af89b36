package dev.rampart.tools.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rampart.shared.TenantId;
import dev.rampart.tools.McpServer;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolCall;
import dev.rampart.tools.ToolResult;
import dev.rampart.tools.ToolSource;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools of a tenant's enabled MCP servers, as last discovered (docs/mcp.md). A call goes to the server through a
 * kept client session ({@link McpConnections}); the server's text content is joined as the output, {@code isError} and
 * transport failures are failed results that say what happened.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class McpToolSource implements ToolSource {

	private static final Logger log = LoggerFactory.getLogger(McpToolSource.class);

	private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {
	};

	private final JdbcMcpServers servers;
	private final McpConnections connections;
	private final JsonMapper json;

	McpToolSource(JdbcMcpServers servers, McpConnections connections, JsonMapper json) {
		this.servers = servers;
		this.connections = connections;
		this.json = json;
	}

	@Override
	public List<Tool> tools(TenantId tenant) {
		List<McpServer> enabled;
		try {
			enabled = servers.enabled(tenant);
		}
		catch (RuntimeException ex) {
			log.warn("MCP servers of tenant {} could not be read; their tools are not offered", tenant, ex);
			return List.of();
		}
		List<Tool> tools = new ArrayList<>();
		for (McpServer server : enabled) {
			server.tools().forEach(tool -> tools.add(new McpTool(server, tool)));
		}
		return tools;
	}

	/** One discovered tool of one server, as the settings were when it was listed. */
	private final class McpTool implements Tool {

		private final McpServer server;
		private final McpServer.DiscoveredTool tool;

		McpTool(McpServer server, McpServer.DiscoveredTool tool) {
			this.server = server;
			this.tool = tool;
		}

		@Override
		public String name() {
			return tool.name();
		}

		@Override
		public String description() {
			return tool.description();
		}

		@Override
		public JsonNode parameters() {
			return tool.inputSchema();
		}

		@Override
		public String source() {
			return "mcp:" + server.name();
		}

		@Override
		public ToolResult call(ToolCall call) {
			Map<String, Object> arguments = call.arguments().isObject() ? json.convertValue(call.arguments(), ARGUMENTS)
					: Map.of();
			McpSchema.CallToolResult result;
			try {
				result = connections.call(call.tenant(), server, tool.remoteName(), arguments);
			}
			catch (RuntimeException ex) {
				String reason = McpConnections.reason(server.name(), server.settings().timeout(), ex);
				log.info("MCP tool {} (tenant {}) failed: {}", tool.name(), call.tenant(), reason);
				return ToolResult.failed(reason);
			}
			String output = output(result);
			if (Boolean.TRUE.equals(result.isError())) {
				return ToolResult.failed(output.isEmpty() ? "The MCP tool " + tool.remoteName() + " reported an error." : output);
			}
			return ToolResult.ok(output);
		}

		/** Text content joined by new lines; other content named, not inlined; structured content when there is no text. */
		private String output(McpSchema.CallToolResult result) {
			List<String> parts = new ArrayList<>();
			if (result.content() != null) {
				for (McpSchema.Content content : result.content()) {
					parts.add(content instanceof McpSchema.TextContent text ? text.text()
							: "[" + content.type() + " content omitted]");
				}
			}
			if (parts.isEmpty() && result.structuredContent() != null) {
				return json.writeValueAsString(result.structuredContent());
			}
			return String.join("\n", parts);
		}
	}
}
