package dev.rampart.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The template catalog, tenant templates, and agents made from templates with every problem reported by path. */
@ServerTest
class TemplatesApiIT {

	@LocalServerPort
	int port;

	private final Agents agents;
	private HttpProbe admin;

	@Autowired
	TemplatesApiIT(Agents agents) {
		this.agents = agents;
	}

	@BeforeEach
	void signIn() {
		admin = HttpProbe.signedIn(port);
	}

	@Test
	void theBuiltInCatalogListsTheFiveTemplatesFirst() {
		Reply list = admin.get("/api/v1/templates");

		assertThat(list.status()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		list.json().forEach(template -> ids.add(template.get("id").asString()));
		assertThat(ids).startsWith("builtin:assistant", "builtin:researcher", "builtin:support", "builtin:extractor",
				"builtin:tool-user");
		assertThat(list.json().get(0).get("builtIn").asBoolean()).isTrue();
		assertThat(admin.get("/api/v1/templates/builtin:researcher").json().at("/definition/agent/tools/0/name").asString())
			.isEqualTo("http_request");
	}

	@Test
	void anAgentMadeFromEachBuiltInTemplateValidatesAndResolves() {
		Map<String, String> values = Map.of("builtin:assistant", "{}", "builtin:researcher", "{\"topic\":\"tidal energy\"}",
				"builtin:support", "{\"product\":\"Lumen\",\"memoryScope\":\"thread\"}", "builtin:extractor", "{}",
				"builtin:tool-user", "{}");
		values.forEach((template, given) -> {
			String name = "from " + template + " " + UUID.randomUUID();
			Reply created = admin.json("POST", "/api/v1/agents",
					"{\"templateId\":\"" + template + "\",\"values\":" + given + ",\"name\":\"" + name + "\"}");
			assertThat(created.status()).as(template + ": " + created.body()).isEqualTo(201);
			UUID id = UUID.fromString(created.json().get("id").asString());

			AgentVersion resolved = agents.resolve(TenantId.DEFAULT, id, null).orElseThrow();

			assertThat(resolved.version()).isEqualTo(1);
			assertThat(resolved.definition().name()).isEqualTo(name);
			assertThat(resolved.definition().instructions()).doesNotContain("{{");
			assertThat(resolved.definition().chain().primary().provider()).isEqualTo("sim");
		});
		AgentVersion researcher = agents.resolve(TenantId.DEFAULT, id(admin, "builtin:researcher", "{\"topic\":\"bees\"}"), null)
			.orElseThrow();
		assertThat(researcher.definition().instructions()).startsWith("You research bees. Give a brief answer.");
		assertThat(researcher.definition().tools()).extracting(AgentDefinition.ToolBinding::name).containsExactly("http_request");
		String product = "Kettle " + UUID.randomUUID();
		Reply unnamed = admin.json("POST", "/api/v1/agents",
				"{\"templateId\":\"builtin:support\",\"values\":{\"product\":\"" + product + "\"}}");
		AgentVersion support = agents.resolve(TenantId.DEFAULT, UUID.fromString(unnamed.json().get("id").asString()), null)
			.orElseThrow();
		assertThat(support.definition().memory().enabled()).isTrue();
		assertThat(support.definition().memory().scope()).isEqualTo(AgentDefinition.MemoryScope.USER);
		assertThat(support.definition().name()).isEqualTo(product + " support");
		AgentVersion extractor = agents.resolve(TenantId.DEFAULT, id(admin, "builtin:extractor", "{}"), null).orElseThrow();
		assertThat(extractor.definition().outputSchema().get("required").size()).isEqualTo(3);
		AgentVersion toolUser = agents.resolve(TenantId.DEFAULT, id(admin, "builtin:tool-user", "{}"), null).orElseThrow();
		assertThat(toolUser.definition().chain().primary().model()).isEqualTo("sim-tools");
		assertThat(toolUser.definition().tools()).extracting(AgentDefinition.ToolBinding::name)
			.containsExactly("calculator", "current_time");
		assertThat(toolUser.definition().tools().getFirst().required()).isTrue();
	}

	@Test
	void badValuesAndABrokenOverrideAreAllReportedByPath() {
		Reply refused = admin.json("POST", "/api/v1/agents", """
				{"templateId":"builtin:researcher","values":{"depth":"endless","colour":"red"},
				 "overrides":{"model":{"chain":[{"provider":"nowhere","model":"x"},{"provider":"sim","model":"sim-unknown"}]},
				              "tools":[{"name":"http_request"},{"name":"teleport"}]}}
				""");

		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		JsonNode problem = refused.json();
		assertThat(problem.get("code").asString()).isEqualTo("TEMPLATE_VALIDATION_FAILED");
		assertThat(problem.get("userMessage").asString()).isEqualTo("The agent template has some configuration issues.");
		assertThat(problem.get("canRetry").asBoolean()).isTrue();
		assertThat(problem.get("suggestedActions").valueStream().map(JsonNode::asString).toList())
			.containsExactlyElementsOf(ErrorCode.TEMPLATE_VALIDATION_FAILED.suggestedActions())
			.contains("Check the required fields highlighted in red", "Verify your LLM provider credentials",
					"Try using a different template");
		assertThat(fields(refused)).containsExactlyInAnyOrder("values.topic", "values.depth",
				"agent.model.chain[0].provider", "agent.model.chain[1].model", "agent.tools[1].name");
	}

	@Test
	void aSchemaViolationOfTheRenderedAgentIsReportedUnderAgent() {
		Reply refused = admin.json("POST", "/api/v1/agents", """
				{"templateId":"builtin:assistant","values":{},"overrides":{"limits":{"maxSteps":0},"owner":"x"}}
				""");

		assertThat(refused.status()).isEqualTo(422);
		assertThat(fields(refused)).containsExactlyInAnyOrder("agent.limits.maxSteps", "agent.owner");
		assertThat(admin.json("POST", "/api/v1/agents", "{\"templateId\":\"builtin:nothing\"}").json().get("errors")
			.get(0).get("field").asString()).isEqualTo("templateId");
	}

	@Test
	void aTenantTemplateIsCheckedStoredChangedAndDeleted() {
		Reply invalid = admin.json("POST", "/api/v1/templates", """
				{"name":"Broken","parameters":{"type":"object","properties":{"a":{"type":"string"}}},
				 "agent":{"name":"B","instructions":"Use {{a}} and {{b}}.","model":{"chain":[{"provider":"sim","model":"sim-echo"}]}}}
				""");
		assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
		assertThat(fields(invalid)).containsExactly("agent.instructions");

		Reply created = admin.json("POST", "/api/v1/templates", """
				{"name":"Greeter","parameters":{"type":"object","required":["who"],"properties":{"who":{"type":"string"}}},
				 "agent":{"name":"Greeter","instructions":"Greet {{who}}.","model":{"chain":[{"provider":"sim","model":"sim-echo"}]}}}
				""");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(created.json().get("builtIn").asBoolean()).isFalse();

		Reply agent = admin.json("POST", "/api/v1/agents", "{\"templateId\":\"" + id + "\",\"values\":{\"who\":\"Ada\"},"
				+ "\"name\":\"greeter " + UUID.randomUUID() + "\"}");
		assertThat(agent.status()).as(agent.body()).isEqualTo(201);
		assertThat(agent.json().at("/definition/instructions").asString()).isEqualTo("Greet Ada.");
		assertThat(fields(admin.json("POST", "/api/v1/agents", "{\"templateId\":\"" + id + "\"}"))).containsExactly("values.who");

		Reply changed = admin.json("PUT", "/api/v1/templates/" + id, """
				{"name":"Greeter 2","agent":{"name":"Greeter","instructions":"Hi.","model":{"chain":[{"provider":"sim","model":"sim-echo"}]}}}
				""");
		assertThat(changed.status()).as(changed.body()).isEqualTo(200);
		assertThat(changed.json().get("version").asInt()).isEqualTo(2);
		assertThat(admin.json("PUT", "/api/v1/templates/builtin:assistant", changed.json().get("definition").toString()).json()
			.get("code").asString()).isEqualTo("TEMPLATE_BUILT_IN");
		assertThat(admin.json("DELETE", "/api/v1/templates/" + id, null).status()).isEqualTo(204);
		assertThat(admin.get("/api/v1/templates/" + id).status()).isEqualTo(404);
	}

	private static UUID id(HttpProbe admin, String template, String values) {
		Reply created = admin.json("POST", "/api/v1/agents", "{\"templateId\":\"" + template + "\",\"values\":" + values
				+ ",\"name\":\"n " + UUID.randomUUID() + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return UUID.fromString(created.json().get("id").asString());
	}

	static List<String> fields(Reply reply) {
		List<String> fields = new ArrayList<>();
		reply.json().path("errors").forEach(error -> fields.add(error.get("field").asString()));
		return fields;
	}
}
