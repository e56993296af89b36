package dev.rampart.gateway;

import static dev.rampart.gateway.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.shared.Requires;
import dev.rampart.shared.schema.ValidatedAgainst;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** JSON Schema validation of definitions: the schema API, and the request-body hook on a stand-in endpoint. */
@ServerTest
@Import(SchemaValidationIT.StandInWorkflows.class)
class SchemaValidationIT {

	@LocalServerPort
	int port;

	private HttpProbe admin;

	@BeforeEach
	void signIn() {
		admin = HttpProbe.signedIn(port);
		StandInWorkflows.CREATED.set(0);
	}

	@Test
	void theSchemasAreListedAndServed() {
		JsonNode list = admin.get("/api/v1/schemas").json().path("schemas");
		assertThat(list.findValuesAsString("name")).containsExactly("agent-definition", "template-definition",
				"workflow-definition");

		Reply agent = admin.get("/api/v1/schemas/agent-definition");
		assertThat(agent.status()).isEqualTo(200);
		assertThat(agent.json().path("$id").asString()).isEqualTo("https://schemas.rampart.dev/v1/agent-definition");

		assertProblem(admin.get("/api/v1/schemas/nothing-like-this"), 404, "RESOURCE_NOT_FOUND");
		assertProblem(admin.anonymous().get("/api/v1/schemas"), 401, "AUTHENTICATION_REQUIRED");
	}

	@Test
	void aDraftIsCheckedWithEveryProblemListedByPath() {
		Reply valid = admin.json("POST", "/api/v1/schemas/agent-definition/validate", """
				{"name":"Helper","instructions":"Be brief.","model":{"chain":[{"provider":"sim","model":"sim-echo"}]}}
				""");
		assertThat(valid.status()).isEqualTo(200);
		assertThat(valid.json().path("valid").asBoolean()).isTrue();

		Reply invalid = admin.json("POST", "/api/v1/schemas/agent-definition/validate", """
				{"name":"","owner":"x","model":{"chain":[{"provider":"sim","model":"sim-echo","temperature":9}]},
				 "limits":{"maxSteps":0}}
				""");
		assertProblem(invalid, 400, "DEFINITION_INVALID");
		assertThat(fields(invalid)).containsExactlyInAnyOrder("name", "owner", "instructions",
				"model.chain[0].temperature", "limits.maxSteps");
		assertThat(invalid.json().path("technicalDetails").asString()).contains("5 problems");
	}

	@Test
	void anAnnotatedBodyIsValidatedBeforeBindingAndNothingHappensWhenInvalid() {
		Reply rejected = admin.json("POST", "/api/v1/stand-in-workflows", """
				{"name":"Flow","start":"a","steps":[{"id":"a","type":"agent","retries":3},{"id":"b","type":"wait","timeoutSeconds":60}],
				 "schedule":"daily"}
				""");

		assertProblem(rejected, 400, "DEFINITION_INVALID");
		assertThat(fields(rejected)).containsExactlyInAnyOrder("steps[0].agent", "steps[0].retries",
				"steps[1].onTimeout", "schedule");
		assertThat(StandInWorkflows.CREATED).hasValue(0);

		Reply created = admin.json("POST", "/api/v1/stand-in-workflows", """
				{"name":"Flow","start":"a","steps":[{"id":"a","type":"agent","agent":"helper@prod"}]}
				""");
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.json().path("steps").asInt()).isEqualTo(1);
		assertThat(StandInWorkflows.CREATED).hasValue(1);
	}

	@Test
	void aBodyThatIsNotJsonIsStillAMalformedRequest() {
		assertProblem(admin.json("POST", "/api/v1/stand-in-workflows", "{\"name\":"), 400, "MALFORMED_REQUEST");
		assertThat(StandInWorkflows.CREATED).hasValue(0);
	}

	private static List<String> fields(Reply reply) {
		return reply.json().path("errors").findValuesAsString("field");
	}

	@RestController
	@RequestMapping("/api/v1/stand-in-workflows")
	static class StandInWorkflows {

		static final AtomicInteger CREATED = new AtomicInteger();

		record Step(String id, String type, String agent) {
		}

		record Workflow(String name, String start, List<Step> steps) {
		}

		@PostMapping
		@Requires("workflow:write")
		Map<String, Object> create(@RequestBody @ValidatedAgainst("workflow-definition") Workflow workflow) {
			CREATED.incrementAndGet();
			return Map.of("name", workflow.name(), "steps", workflow.steps().size());
		}
	}
}
