package dev.rampart.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MCP servers as tool sources (docs/mcp.md) against real MCP servers started here with the SDK's server side on
 * loopback, opened to Rampart by the node allowlist: discovery, calls through {@link Tools}, refresh, an unreachable
 * server, SSRF refusal, {@code TOOL_IN_USE} and tenant isolation.
 */
@ServerTest
@Import(McpServersIT.References.class)
class McpServersIT {

	private static final McpTestServer STABLE = McpTestServer.start();

	private static final McpTestServer CHANGING = McpTestServer.start();

	/** Tool names that the test {@link ToolReferences} reports as used by {@code agent support-bot}. */
	private static final Set<String> IN_USE = ConcurrentHashMap.newKeySet();

	@LocalServerPort
	int port;

	private final Tools tools;
	private final DataSource dataSource;
	private final JsonMapper json;

	@Autowired
	McpServersIT(Tools tools, DataSource dataSource, JsonMapper json) {
		this.tools = tools;
		this.dataSource = dataSource;
		this.json = json;
	}

	@DynamicPropertySource
	static void allowTheTestServers(DynamicPropertyRegistry registry) {
		registry.add("rampart.tools.egress.allowed-hosts[0]", () -> "127.0.0.1:" + STABLE.port());
		registry.add("rampart.tools.egress.allowed-hosts[1]", () -> "127.0.0.1:" + CHANGING.port());
	}

	@AfterAll
	static void stopTheServers() {
		STABLE.close();
		CHANGING.close();
	}

	@TestConfiguration
	static class References {

		@Bean
		ToolReferences supportBotUsesSomeTools() {
			return (TenantId tenant, Collection<String> names) -> names.stream().anyMatch(IN_USE::contains)
					? List.of("agent support-bot") : List.of();
		}
	}

	@Test
	void aServersToolsAreDiscoveredOfferedAndCalledWithItsCredentialAsABearerToken() {
		HttpProbe admin = HttpProbe.signedIn(port);
		String credential = admin.json("POST", "/api/v1/credentials", "{\"name\":\"mcp-" + UUID.randomUUID()
				+ "\",\"provider\":\"mcp\",\"secret\":\"mcp-token-abc\"}").json().get("id").asString();
		String name = name("calc");

		Reply created = admin.json("POST", "/api/v1/mcp-servers", "{\"name\":\"" + name + "\",\"url\":\"" + STABLE.url()
				+ "\",\"auth\":{\"type\":\"bearer\",\"credentialId\":\"" + credential + "\"},\"timeoutSeconds\":10}");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.header("ETag")).isEqualTo("\"1\"");
		JsonNode body = created.json();
		assertThat(body.get("discovery").get("status").asString()).isEqualTo("ok");
		assertThat(body.get("auth").get("credentialId").asString()).isEqualTo(credential);
		assertThat(body.toString()).doesNotContain("mcp-token-abc");
		assertThat(names(body.get("tools"))).containsExactly(name + "_add", name + "_echo", name + "_fail");
		Reply read = admin.get("/api/v1/mcp-servers/" + body.get("id").asString());
		assertThat(read.status()).isEqualTo(200);
		JsonNode add = read.json().get("tools").get(0);
		assertThat(add.get("remoteName").asString()).isEqualTo("add");
		assertThat(add.get("description").asString()).isEqualTo("Adds two numbers.");
		assertThat(add.get("inputSchema").get("required").toString()).isEqualTo("[\"a\",\"b\"]");
		assertThat(STABLE.lastAuthorization()).isEqualTo("Bearer mcp-token-abc");

		Tool sum = tools.find(TenantId.DEFAULT, name + "_add").orElseThrow();
		assertThat(sum.parameters().get("properties").has("a")).isTrue();
		assertThat(sum.call(call("{\"a\":2,\"b\":3.5}"))).isEqualTo(ToolResult.ok("5.5"));
		assertThat(tools.find(TenantId.DEFAULT, name + "_echo").orElseThrow().call(call("{\"text\":\"hello, tools\"}")))
			.isEqualTo(ToolResult.ok("hello, tools"));
		assertThat(tools.find(TenantId.DEFAULT, name + "_fail").orElseThrow().call(call("{}")))
			.isEqualTo(ToolResult.failed("the warehouse is closed"));
	}

	@Test
	void anAgentThatBindsADiscoveredToolCallsItInItsToolLoop() {
		HttpProbe admin = HttpProbe.signedIn(port);
		String name = name("agent");
		String agent = adderAgent(admin, name);

		// sim-tools calls the tool with arguments sampled from its schema: a = b = 1.5
		JsonNode result = admin.json("POST", "/api/v1/agents/" + agent + "/invoke",
				"{\"input\":\"add\"}").json();

		assertThat(result.get("status").asString()).isEqualTo("completed");
		assertThat(result.get("output").asString()).isEqualTo(name + "_add: 3");
		assertThat(result.get("toolCalls").get(0).get("status").asString()).isEqualTo("ok");
	}

	@Test
	void aRunsCallOfAnMcpToolCarriesTheRunsTraceContext() {
		HttpProbe admin = HttpProbe.signedIn(port);
		String name = name("trace");
		String agent = adderAgent(admin, name);
		String traceId = UUID.randomUUID().toString().replace("-", "");
		String parent = UUID.randomUUID().toString().replace("-", "").substring(0, 16);

		Reply started = admin.send("POST", "/api/v1/agents/" + agent + "/runs",
				"{\"input\":\"add\"}", Map.of("traceparent", "00-" + traceId + "-" + parent + "-01"));
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String run = started.json().get("id").asString();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> admin.get("/api/v1/runs/" + run).json().get("status").asString().equals("succeeded"));

		String saved = DatabaseOwner.jdbc(dataSource).sql("select traceparent from runs where id = :id")
			.param("id", UUID.fromString(run)).query(String.class).single();
		assertThat(saved.split("-")[1]).isEqualTo(traceId);
		// the tool call's own span (under the run's step) is the parent the MCP server is told of
		assertThat(STABLE.lastAddTraceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").startsWith("00-" + traceId + "-")
			.doesNotContain(parent);
	}

	/** Registers the stable MCP server as {@code name} and an agent on sim-tools that must use its {@code add}; its id. */
	private static String adderAgent(HttpProbe admin, String name) {
		assertThat(admin.json("POST", "/api/v1/mcp-servers", "{\"name\":\"" + name + "\",\"url\":\"" + STABLE.url() + "\"}")
			.status()).isEqualTo(201);
		Reply agent = admin.json("POST", "/api/v1/agents", "{\"name\":\"mcp-" + UUID.randomUUID() + "\",\"instructions\":\"Add.\","
				+ "\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-tools\"}]},"
				+ "\"tools\":[{\"name\":\"" + name + "_add\",\"required\":true}]}");
		assertThat(agent.status()).as(agent.body()).isEqualTo(201);
		return agent.json().get("id").asString();
	}

	@Test
	void aRefreshSeesAChangedToolListAndAnUnreachableServerKeepsItsLastToolsWithTheError() {
		HttpProbe admin = HttpProbe.signedIn(port);
		String name = name("shop");
		CHANGING.addTool("Check Stock!", "Tells whether an item is in stock.", "in stock");
		String id = admin.json("POST", "/api/v1/mcp-servers", "{\"name\":\"" + name + "\",\"url\":\"" + CHANGING.url() + "\"}")
			.json().get("id").asString();
		assertThat(names(admin.get("/api/v1/mcp-servers/" + id).json().get("tools"))).contains(name + "_check_stock");

		CHANGING.removeTool("Check Stock!");
		CHANGING.addTool("reserve", "Reserves an item.", "reserved");
		Reply refreshed = admin.json("POST", "/api/v1/mcp-servers/" + id + "/refresh", null);

		assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
		assertThat(names(refreshed.json().get("tools"))).contains(name + "_reserve").doesNotContain(name + "_check_stock");
		assertThat(tools.find(TenantId.DEFAULT, name + "_check_stock")).isEmpty();
		assertThat(tools.find(TenantId.DEFAULT, name + "_reserve").orElseThrow().call(call("{}")))
			.isEqualTo(ToolResult.ok("reserved"));

		CHANGING.close();
		Reply unreachable = admin.json("POST", "/api/v1/mcp-servers/" + id + "/refresh", null);

		assertThat(unreachable.status()).isEqualTo(200);
		JsonNode discovery = unreachable.json().get("discovery");
		assertThat(discovery.get("status").asString()).isEqualTo("failed");
		assertThat(discovery.get("error").asString()).startsWith("MCP server '" + name + "' ");
		assertThat(discovery.get("succeededAt").isNull()).isFalse();
		assertThat(names(admin.get("/api/v1/mcp-servers/" + id).json().get("tools"))).contains(name + "_reserve");
		ToolResult down = tools.find(TenantId.DEFAULT, name + "_reserve").orElseThrow().call(call("{}"));
		assertThat(down.failed()).isTrue();
		assertThat(down.output()).startsWith("MCP server '" + name + "' ");
	}

	@Test
	void aLoopbackOrMetadataUrlWithoutAnAllowlistEntryIsRefusedOnSave() {
		HttpProbe admin = HttpProbe.signedIn(port);
		for (String url : List.of("http://127.0.0.1:" + (STABLE.port() == 65535 ? 1 : STABLE.port() + 1) + "/mcp",
				"http://localhost:" + STABLE.port() + "/mcp", "http://169.254.169.254/mcp", "http://10.0.0.7/mcp",
				"file:///etc/passwd")) {
			Reply refused = admin.json("POST", "/api/v1/mcp-servers", "{\"name\":\"" + name("ssrf") + "\",\"url\":\"" + url + "\"}");

			assertProblem(refused, 400, "VALIDATION_FAILED");
			assertThat(refused.json().get("errors").get(0).get("field").asString()).as(url).isEqualTo("url");
		}
		assertThat(admin.get("/api/v1/mcp-servers").json().toString()).doesNotContain("ssrf_");
	}

	@Test
	void deletingAServerWhoseToolsAreUsedAnswersToolInUseNamingTheUsers() {
		HttpProbe admin = HttpProbe.signedIn(port);
		String name = name("used");
		String id = admin.json("POST", "/api/v1/mcp-servers", "{\"name\":\"" + name + "\",\"url\":\"" + STABLE.url() + "\"}")
			.json().get("id").asString();
		IN_USE.add(name + "_echo");

		Reply refused = admin.json("DELETE", "/api/v1/mcp-servers/" + id, null);

		assertProblem(refused, 409, "TOOL_IN_USE");
		assertThat(refused.json().get("technicalDetails").asString()).contains("agent support-bot").contains(name);
		assertThat(admin.get("/api/v1/mcp-servers/" + id).status()).isEqualTo(200);

		IN_USE.remove(name + "_echo");
		assertThat(admin.json("DELETE", "/api/v1/mcp-servers/" + id, null).status()).isEqualTo(204);
		assertThat(admin.get("/api/v1/mcp-servers/" + id).status()).isEqualTo(404);
		assertThat(tools.find(TenantId.DEFAULT, name + "_echo")).isEmpty();
	}

	@Test
	void aChangeNeedsTheCurrentEtagAndTakenNamesAreRefused() {
		HttpProbe admin = HttpProbe.signedIn(port);
		String name = name("etag");
		String body = "{\"name\":\"" + name + "\",\"url\":\"" + STABLE.url() + "\"}";
		String id = admin.json("POST", "/api/v1/mcp-servers", body).json().get("id").asString();

		assertProblem(admin.json("POST", "/api/v1/mcp-servers", body), 409, "MCP_SERVER_NAME_TAKEN");
		Reply disabled = admin.send("PUT", "/api/v1/mcp-servers/" + id,
				"{\"name\":\"" + name + "\",\"url\":\"" + STABLE.url() + "\",\"enabled\":false}", Map.of("If-Match", "\"1\""));
		assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
		assertThat(disabled.header("ETag")).isEqualTo("\"2\"");
		assertThat(tools.find(TenantId.DEFAULT, name + "_add")).isEmpty();
		assertProblem(admin.send("PUT", "/api/v1/mcp-servers/" + id, body,
				Map.of("If-Match", "\"1\"", "Prefer", "strict-concurrency")), 412, "PRECONDITION_FAILED");
	}

	@Test
	void anotherTenantSeesNeitherTheServerNorItsTools() {
		HttpProbe admin = HttpProbe.signedIn(port);
		String name = name("mine");
		String id = admin.json("POST", "/api/v1/mcp-servers", "{\"name\":\"" + name + "\",\"url\":\"" + STABLE.url() + "\"}")
			.json().get("id").asString();
		String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
		HttpProbe other = HttpProbe.ownerOfNewTenant(port, tenant, "owner-" + UUID.randomUUID() + "@example.org",
				"sturdy-horse-battery-" + UUID.randomUUID());
		TenantId otherTenant = new TenantId(DatabaseOwner.jdbc(dataSource).sql("select id from tenants where name = :name")
			.param("name", tenant).query(UUID.class).single());

		assertThat(other.get("/api/v1/mcp-servers").json().size()).isZero();
		assertProblem(other.get("/api/v1/mcp-servers/" + id), 404, "RESOURCE_NOT_FOUND");
		assertProblem(other.json("POST", "/api/v1/mcp-servers/" + id + "/refresh", null), 404, "RESOURCE_NOT_FOUND");
		assertThat(tools.available(otherTenant)).extracting(Tool::name).noneMatch(tool -> tool.startsWith(name));
		assertThat(tools.available(TenantId.DEFAULT)).extracting(Tool::name).contains(name + "_add");
	}

	private static void assertProblem(Reply reply, int status, String code) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.json().get("code").asString()).isEqualTo(code);
	}

	private ToolCall call(String arguments) {
		return new ToolCall(TenantId.DEFAULT, json.readTree(arguments), null, null);
	}

	/** A server name from a UUID (letters and digits mixed, no long digit run a response mask could take for a number). */
	private static String name(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).replaceAll("[0-9]", "x");
	}

	private static List<String> names(JsonNode tools) {
		return tools.valueStream().map(tool -> tool.get("name").asString()).toList();
	}
}
