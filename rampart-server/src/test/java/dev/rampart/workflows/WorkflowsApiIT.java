package dev.rampart.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Workflows over HTTP: JSON and YAML definitions, every problem by path at once, versions and ETags, soft delete and
 * restore, the in-use checks of agents, tools and sub-workflows, the typed resolve and tenant isolation.
 */
@ServerTest
class WorkflowsApiIT {

	private static final String PASSWORD = "sturdy-horse-battery-" + UUID.randomUUID();

	@LocalServerPort
	int port;

	private final Workflows workflows;
	private HttpProbe admin;

	@Autowired
	WorkflowsApiIT(Workflows workflows) {
		this.workflows = workflows;
	}

	@BeforeEach
	void signIn() {
		admin = HttpProbe.signedIn(port);
	}

	private static String name() {
		return "flow " + UUID.randomUUID();
	}

	private static String transformOnly(String name, String expression) {
		return """
				{"name":"%s","start":"a","steps":[{"id":"a","type":"transform","expression":"%s"}]}
				""".formatted(name, expression);
	}

	private String created(String path, String body) {
		Reply reply = admin.json("POST", path, body);
		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		return reply.json().get("id").asString();
	}

	private static List<String> fields(Reply reply) {
		return reply.json().path("errors").findValuesAsString("field");
	}

	private static void assertProblem(Reply reply, int status, String code) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		assertThat(reply.json().path("code").asString()).isEqualTo(code);
	}

	@Test
	void aWorkflowIsCreatedFromJsonOrYamlAndEveryChangeIsANewVersion() {
		String name = name();
		Reply created = admin.json("POST", "/api/v1/workflows", transformOnly(name, "$input.a"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.header("ETag")).isEqualTo("\"1\"");
		String id = created.json().get("id").asString();
		assertThat(created.header("Location")).isEqualTo("/api/v1/workflows/" + id);

		Reply yaml = admin.post("/api/v1/workflows", "application/yaml", """
				name: %s
				start: greet
				steps:
				  - id: greet
				    type: transform
				    expression: "'hello ' & $input.who"
				""".formatted(name()));
		assertThat(yaml.status()).as(yaml.body()).isEqualTo(201);
		assertThat(yaml.json().path("definition").path("steps").get(0).path("expression").asString())
			.isEqualTo("'hello ' & $input.who");

		Reply read = admin.get("/api/v1/workflows/" + id);
		assertThat(read.header("ETag")).isEqualTo("\"1\"");
		assertThat(read.json().path("name").asString()).isEqualTo(name);

		Reply second = admin.send("PUT", "/api/v1/workflows/" + id, transformOnly(name, "$input.b"), Map.of("If-Match", "\"1\""));
		assertThat(second.status()).as(second.body()).isEqualTo(200);
		assertThat(second.header("ETag")).isEqualTo("\"2\"");
		assertProblem(admin.send("PUT", "/api/v1/workflows/" + id, transformOnly(name, "$input.c"),
				Map.of("If-Match", "\"1\"", "Prefer", "strict-concurrency")), 412, "PRECONDITION_FAILED");

		Reply versions = admin.get("/api/v1/workflows/" + id + "/versions");
		assertThat(versions.json().findValuesAsString("createdBy")).hasSize(2);
		assertThat(versions.json().get(0).path("version").asInt()).isEqualTo(2);
		assertThat(admin.get("/api/v1/workflows/" + id + "/versions/1").json().path("definition").path("steps").get(0)
			.path("expression").asString()).isEqualTo("$input.a");
		assertProblem(admin.get("/api/v1/workflows/" + id + "/versions/3"), 404, "RESOURCE_NOT_FOUND");

		WorkflowVersion latest = workflows.resolve(TenantId.DEFAULT, UUID.fromString(id), null).orElseThrow();
		assertThat(latest.version()).isEqualTo(2);
		assertThat(latest.definition().entry()).isInstanceOfSatisfying(Step.Transform.class,
				t -> assertThat(t.expression().text()).isEqualTo("$input.b"));
		assertThat(workflows.resolve(TenantId.DEFAULT, UUID.fromString(id), "1").orElseThrow().version()).isEqualTo(1);
		assertThat(workflows.resolve(TenantId.DEFAULT, UUID.fromString(id), "9")).isEmpty();

		assertProblem(admin.json("POST", "/api/v1/workflows", transformOnly(name, "1")), 409, "WORKFLOW_NAME_TAKEN");
	}

	@Test
	void validationReportsEveryProblemByPathAndNothingInvalidIsStored() {
		Reply valid = admin.json("POST", "/api/v1/workflows/validate", transformOnly(name(), "$input"));
		assertThat(valid.status()).as(valid.body()).isEqualTo(200);
		assertThat(valid.json().path("valid").asBoolean()).isTrue();

		String broken = """
				{"name":"%s","start":"a","steps":[
				 {"id":"a","type":"agent","agent":"%s","next":"b"},
				 {"id":"b","type":"tool","tool":"no_such_tool","input":{"x":"=$steps.zz.output"},"next":"c",
				  "retry":{"maxAttempts":3,"initialBackoffSeconds":9,"maxBackoffSeconds":1}},
				 {"id":"c","type":"transform","expression":"$input.((","next":"a"},
				 {"id":"d","type":"approval","prompt":"ok?","timeoutSeconds":60,"onTimeout":"a"}]}
				""".formatted(name(), UUID.randomUUID());
		Reply invalid = admin.json("POST", "/api/v1/workflows/validate", broken);
		assertProblem(invalid, 400, "DEFINITION_INVALID");
		assertThat(fields(invalid)).containsExactlyInAnyOrder("steps[0].agent", "steps[1].tool", "steps[1].input.x",
				"steps[1].retry.maxBackoffSeconds", "steps[2].expression", "steps[2].next", "steps[3]");

		Reply stored = admin.json("POST", "/api/v1/workflows", broken);
		assertProblem(stored, 400, "DEFINITION_INVALID");
		assertThat(fields(stored)).isEqualTo(fields(invalid));

		Reply yaml = admin.post("/api/v1/workflows/validate", "application/yaml", """
				name: y
				start: a
				steps:
				  - id: a
				    type: wait
				    timeoutSeconds: 60
				""");
		assertProblem(yaml, 400, "DEFINITION_INVALID");
		assertThat(fields(yaml)).containsExactly("steps[0].onTimeout");
		assertProblem(admin.post("/api/v1/workflows/validate", "application/yaml", "name: [unclosed"), 400, "MALFORMED_REQUEST");
		assertProblem(admin.post("/api/v1/workflows/validate", "application/yaml", "- just\n- a list\n"), 400,
				"MALFORMED_REQUEST");
	}

	@Test
	void anAgentAToolOrAWorkflowInUseIsNotDeletedAndTheAnswerNamesTheWorkflow() {
		String agent = created("/api/v1/agents", """
				{"name":"a-%s","instructions":"x","model":{"chain":[{"provider":"sim","model":"sim-echo"}]}}
				""".formatted(UUID.randomUUID()));
		String set = "s" + UUID.randomUUID().toString().substring(0, 8);
		String toolSet = created("/api/v1/tools/openapi", """
				{"name":"%s","document":{"openapi":"3.1.0","servers":[{"url":"https://api.example.com"}],
				 "paths":{"/ping":{"get":{"operationId":"ping"}}}}}
				""".formatted(set));
		String childName = name();
		String child = created("/api/v1/workflows", transformOnly(childName, "$input"));
		String parentName = name();
		String parentDefinition = """
				{"name":"%s","start":"ask","steps":[
				 {"id":"ask","type":"agent","agent":"%s@1","next":"ping"},
				 {"id":"ping","type":"tool","tool":"%s_ping","next":"sub"},
				 {"id":"sub","type":"sub_workflow","workflow":"%s","input":{"answer":"=$steps.ask.output"}}]}
				""".formatted(parentName, agent, set, child);
		String parent = created("/api/v1/workflows", parentDefinition);

		Reply agentRefused = admin.json("DELETE", "/api/v1/agents/" + agent, null);
		assertProblem(agentRefused, 409, "AGENT_IN_USE");
		assertThat(agentRefused.json().path("technicalDetails").asString()).contains("workflow " + parentName);
		Reply toolRefused = admin.json("DELETE", "/api/v1/tools/openapi/" + toolSet, null);
		assertProblem(toolRefused, 409, "TOOL_IN_USE");
		assertThat(toolRefused.json().path("technicalDetails").asString()).contains("workflow " + parentName);
		Reply childRefused = admin.json("DELETE", "/api/v1/workflows/" + child, null);
		assertProblem(childRefused, 409, "WORKFLOW_IN_USE");
		assertThat(childRefused.json().path("technicalDetails").asString()).contains(parentName);

		assertThat(admin.json("DELETE", "/api/v1/workflows/" + parent, null).status()).isEqualTo(204);
		assertThat(admin.get("/api/v1/workflows/" + parent).json().path("deletedAt").isNull()).isFalse();
		assertThat(admin.get("/api/v1/workflows?limit=200").json().path("items").findValuesAsString("id")).doesNotContain(parent);
		assertThat(workflows.resolve(TenantId.DEFAULT, UUID.fromString(parent), null)).isEmpty();
		assertThat(workflows.resolve(TenantId.DEFAULT, UUID.fromString(parent), "1")).as("a pinned version still resolves")
			.hasValueSatisfying(v -> assertThat(v.definition().step("sub")).containsInstanceOf(Step.SubWorkflow.class));
		assertThat(admin.json("DELETE", "/api/v1/agents/" + agent, null).status()).isEqualTo(204);
		assertThat(admin.json("DELETE", "/api/v1/tools/openapi/" + toolSet, null).status()).isEqualTo(204);
		assertThat(admin.json("DELETE", "/api/v1/workflows/" + child, null).status()).isEqualTo(204);

		Reply restored = admin.json("POST", "/api/v1/workflows/" + child + "/restore", null);
		assertThat(restored.status()).as(restored.body()).isEqualTo(200);
		assertThat(restored.json().path("deletedAt").isNull()).isTrue();
	}

	@Test
	void anotherTenantSeesNoneOfItAndCannotNameItsAgentsOrWorkflows() {
		String agent = created("/api/v1/agents", """
				{"name":"a-%s","instructions":"x","model":{"chain":[{"provider":"sim","model":"sim-echo"}]}}
				""".formatted(UUID.randomUUID()));
		String id = created("/api/v1/workflows", transformOnly(name(), "$input"));
		String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
		HttpProbe other = HttpProbe.ownerOfNewTenant(port, tenant, "owner-" + UUID.randomUUID() + "@example.org", PASSWORD);

		assertProblem(other.get("/api/v1/workflows/" + id), 404, "RESOURCE_NOT_FOUND");
		assertProblem(other.get("/api/v1/workflows/" + id + "/versions"), 404, "RESOURCE_NOT_FOUND");
		assertProblem(other.json("DELETE", "/api/v1/workflows/" + id, null), 404, "RESOURCE_NOT_FOUND");
		assertThat(other.get("/api/v1/workflows").json().path("items").findValuesAsString("id")).doesNotContain(id);

		Reply foreign = other.json("POST", "/api/v1/workflows/validate", """
				{"name":"n","start":"a","steps":[{"id":"a","type":"agent","agent":"%s","next":"b"},
				 {"id":"b","type":"sub_workflow","workflow":"%s"}]}
				""".formatted(agent, id));
		assertProblem(foreign, 400, "DEFINITION_INVALID");
		assertThat(fields(foreign)).containsExactlyInAnyOrder("steps[0].agent", "steps[1].workflow");
	}
}
