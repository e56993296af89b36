package dev.rampart.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.rampart.tools.McpServer;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** How an MCP server's tool list becomes Rampart tools: names, clashes, schemas, descriptions. */
class McpToolNamesTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void namesArePrefixedWithTheServerLowerCasedAndEveryRunOfOtherCharactersIsOneUnderscore() {
		assertThat(McpToolNames.name("shop", "Check Stock!")).isEqualTo("shop_check_stock");
		assertThat(McpToolNames.name("shop", "get-order.v2")).isEqualTo("shop_get_order_v2");
		assertThat(McpToolNames.name("shop", "???")).isEqualTo("shop_tool");
		assertThat(McpToolNames.name("a_very_long_server_name_of_31ch", "and_an_even_longer_tool_name_that_goes_on"))
			.hasSize(McpToolNames.MAX_NAME)
			.matches("[a-z][a-z0-9_]*");
	}

	@Test
	void namesThatClashAfterNormalisingGetASuffixAndASchemaWithoutATypeBecomesAnObjectSchema() {
		List<McpServer.DiscoveredTool> tools = McpToolNames.discovered("s", List.of(tool("Get Item", Map.of()),
				tool("get-item", Map.of("type", "object", "properties", Map.of("id", Map.of("type", "string")))),
				tool("GET_ITEM", Map.of("properties", Map.of()))), json);

		assertThat(tools).extracting(McpServer.DiscoveredTool::name).containsExactly("s_get_item", "s_get_item_2", "s_get_item_3");
		assertThat(tools).extracting(McpServer.DiscoveredTool::remoteName).containsExactly("Get Item", "get-item", "GET_ITEM");
		assertThat(tools.get(0).inputSchema().toString()).isEqualTo("{\"type\":\"object\"}");
		assertThat(tools.get(1).inputSchema().get("properties").has("id")).isTrue();
		assertThat(tools.get(2).inputSchema().get("type").asString()).isEqualTo("object");
		assertThat(tools.get(0).description()).isEqualTo("Get Item");
	}

	private static McpSchema.Tool tool(String name, Map<String, Object> schema) {
		return new McpSchema.Tool(name, null, null, schema, null, null, null);
	}
}
