package dev.rampart.tools.internal;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.rampart.tools.McpServer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes {@code mcp_servers} rows: the JSON columns ({@code auth}, {@code tools}) and the audit view. */
@Component
class McpRows {

	static final String COLUMNS = """
			id, name, url, auth, enabled, timeout_seconds, tools, discovery_status, discovery_checked_at,
			discovery_succeeded_at, discovery_error, version, created_at, updated_at""";

	private final JsonMapper json;

	McpRows(JsonMapper json) {
		this.json = json;
	}

	JsonMapper json() {
		return json;
	}

	McpServer read(ResultSet rs) throws SQLException {
		McpServer.Settings settings = new McpServer.Settings(rs.getString("name"), URI.create(rs.getString("url")),
				auth(rs.getString("auth")), rs.getBoolean("enabled"), Duration.ofSeconds(rs.getInt("timeout_seconds")));
		List<McpServer.DiscoveredTool> tools = new ArrayList<>();
		for (JsonNode tool : json.readTree(rs.getString("tools"))) {
			tools.add(new McpServer.DiscoveredTool(tool.get("name").asString(), tool.get("remoteName").asString(),
					tool.path("description").asString(""), tool.get("inputSchema")));
		}
		McpServer.Discovery discovery = new McpServer.Discovery(rs.getString("discovery_status"),
				instant(rs.getTimestamp("discovery_checked_at")), instant(rs.getTimestamp("discovery_succeeded_at")),
				rs.getString("discovery_error"));
		return new McpServer(rs.getObject("id", UUID.class), settings, tools, discovery, rs.getLong("version"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

	/** The columns a tenant sets, as named parameters. */
	Map<String, @Nullable Object> columns(McpServer.Settings settings) {
		Map<String, @Nullable Object> columns = new LinkedHashMap<>();
		columns.put("name", settings.name());
		columns.put("url", settings.url().toString());
		columns.put("auth", settings.auth() == null ? null : json.writeValueAsString(authView(settings.auth())));
		columns.put("enabled", settings.enabled());
		columns.put("timeout", (int) settings.timeout().toSeconds());
		return columns;
	}

	String tools(List<McpServer.DiscoveredTool> tools) {
		ArrayNode array = json.createArrayNode();
		for (McpServer.DiscoveredTool tool : tools) {
			ObjectNode node = array.addObject();
			node.put("name", tool.name());
			node.put("remoteName", tool.remoteName());
			node.put("description", tool.description());
			node.set("inputSchema", tool.inputSchema());
		}
		return json.writeValueAsString(array);
	}

	/** What the audit log keeps of a server: its settings (a credential by id only) and its tool names. */
	static Map<String, @Nullable Object> view(McpServer server) {
		Map<String, @Nullable Object> view = new LinkedHashMap<>();
		McpServer.Settings settings = server.settings();
		view.put("name", settings.name());
		view.put("url", settings.url().toString());
		view.put("auth", settings.auth() == null ? null : authView(settings.auth()));
		view.put("enabled", settings.enabled());
		view.put("timeoutSeconds", settings.timeout().toSeconds());
		view.put("tools", server.tools().stream().map(McpServer.DiscoveredTool::name).toList());
		view.put("version", server.version());
		return view;
	}

	private static Map<String, @Nullable Object> authView(McpServer.Auth auth) {
		Map<String, @Nullable Object> view = new LinkedHashMap<>();
		view.put("type", auth.type().name().toLowerCase(Locale.ROOT));
		view.put("header", auth.header());
		view.put("credentialId", auth.credentialId().toString());
		return view;
	}

	private McpServer.@Nullable Auth auth(@Nullable String column) {
		if (column == null) {
			return null;
		}
		JsonNode node = json.readTree(column);
		JsonNode header = node.get("header");
		return new McpServer.Auth(McpServer.AuthType.valueOf(node.get("type").asString().toUpperCase(Locale.ROOT)),
				header == null || header.isNull() ? null : header.asString(),
				UUID.fromString(node.get("credentialId").asString()));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
