package dev.rampart.shared.schema;

import java.util.List;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.Problems.FieldProblem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSchemasTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final JsonSchemas SCHEMAS = new JsonSchemas(JSON);

	static final String VALID_AGENT = """
			{"name":"Support","instructions":"Answer politely.",
			 "model":{"chain":[{"provider":"sim","model":"sim-echo","temperature":0.2}]},
			 "tools":[{"name":"http_request","timeoutSeconds":10}],
			 "memory":{"enabled":true,"scope":"thread","topK":5},
			 "limits":{"maxSteps":8,"maxCostUsd":0.5},
			 "screening":{"action":"wrap"},"masking":{"email":"partial"},"tags":{"team":"support","region":"eu"}}
			""";

	@Test
	void aValidAgentHasNoViolations() {
		assertThat(SCHEMAS.violations("agent-definition", tree(VALID_AGENT))).isEmpty();
	}

	@Test
	void everyViolationIsReportedByPathInOneList() {
		List<FieldProblem> problems = SCHEMAS.violations("agent-definition", tree("""
				{"name":"Support","owner":"mallory",
				 "model":{"chain":[{"provider":"sim","model":"sim-echo","temperature":3}]},
				 "tools":[{"name":"ok"},{"name":"bad name!","timeoutSeconds":0}],
				 "masking":{"email":"shout","color":"mask"},"tags":{"ok":"yes","NOT OK":"no"}}
				"""));

		assertThat(problems).extracting(FieldProblem::field).containsExactlyInAnyOrder("instructions", "owner",
				"model.chain[0].temperature", "tools[1].name", "tools[1].timeoutSeconds", "masking.email",
				"masking.color", "tags.NOT OK");
		assertThat(problems).filteredOn(p -> p.field().equals("instructions")).extracting(FieldProblem::message)
			.containsExactly("is required");
		assertThat(problems).filteredOn(p -> p.field().equals("owner")).extracting(FieldProblem::message)
			.containsExactly("is not a known field");
		assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotStartWith("$"));
	}

	@Test
	void aWrongTypeAtTheRootIsReportedAtTheRoot() {
		assertThat(SCHEMAS.violations("agent-definition", tree("[1,2]"))).extracting(FieldProblem::field)
			.containsExactly("(root)");
	}

	@Test
	void workflowStepsNeedTheFieldsOfTheirType() {
		List<FieldProblem> problems = SCHEMAS.violations("workflow-definition", tree("""
				{"name":"Onboarding","start":"greet","steps":[
				  {"id":"greet","type":"agent","next":"wait"},
				  {"id":"wait","type":"wait","seconds":60,"next":"Bad Id"},
				  {"id":"pick","type":"condition","branches":[{"when":"x > 1"}]},
				  {"id":"loop","type":"map","over":"items"},
				  {"id":"x","type":"teleport"}]}
				"""));

		assertThat(problems).extracting(FieldProblem::field).contains("steps[0].agent", "steps[1].next",
				"steps[2].branches[0].next", "steps[3].do", "steps[4].type");
	}

	@Test
	void aTemplateValidatesItsAgentAgainstTheAgentSchema() {
		List<FieldProblem> problems = SCHEMAS.violations("template-definition", tree("""
				{"name":"Researcher","parameters":{"type":"object"},
				 "agent":{"name":"R","instructions":"Research {{topic}}","model":{"chain":[]}}}
				"""));

		assertThat(problems).extracting(FieldProblem::field).containsExactly("agent.model.chain");
	}

	@Test
	void checkThrowsDefinitionInvalidWithEveryProblem() {
		assertThatThrownBy(() -> SCHEMAS.check("agent-definition", tree("{}")))
			.isInstanceOfSatisfying(DefinitionInvalidException.class, e -> {
				assertThat(e.code()).isEqualTo(ErrorCode.DEFINITION_INVALID);
				assertThat(e.errors()).extracting(FieldProblem::field)
					.containsExactlyInAnyOrder("name", "instructions", "model");
			});
	}

	@Test
	void aCallerSuppliedSchemaIsCheckedAgainstTheMetaSchema() {
		assertThatThrownBy(() -> SCHEMAS.compile(tree("{\"type\":12,\"minLength\":-1}")))
			.isInstanceOfSatisfying(DefinitionInvalidException.class,
					e -> assertThat(e.errors()).extracting(FieldProblem::field).contains("type", "minLength"));

		JsonSchemas.CompiledSchema topic = SCHEMAS.compile(tree("""
				{"type":"object","required":["topic"],"properties":{"topic":{"type":"string","maxLength":5}}}
				"""));
		assertThat(topic.violations(tree("{\"topic\":\"toolong\"}"))).extracting(FieldProblem::field)
			.containsExactly("topic");
		assertThat(topic.violations(tree("{\"topic\":\"ok\"}"))).isEmpty();
	}

	@Test
	void aCallerSuppliedSchemaNeverFetchesARemoteReference() {
		assertThatThrownBy(() -> SCHEMAS.compile(tree("{\"$ref\":\"http://169.254.169.254/latest/meta-data\"}"))
			.violations(tree("{}"))).isInstanceOf(DefinitionInvalidException.class);
	}

	@Test
	void aCallerSuppliedSchemaWithADanglingReferenceIsRefusedWhenCompiledNotWhenUsed() {
		assertThatThrownBy(() -> SCHEMAS.compile(tree("{\"properties\":{\"a\":{\"$ref\":\"#/$defs/missing\"}}}"))
			.violations(tree("{\"a\":1}"))).isInstanceOf(DefinitionInvalidException.class);
	}

	@Test
	void anOversizedCallerSuppliedSchemaIsRefused() {
		StringBuilder big = new StringBuilder("{\"type\":\"object\",\"properties\":{");
		for (int i = 0; i < JsonSchemas.MAX_SCHEMA_NODES; i++) {
			big.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":{\"type\":\"string\"}");
		}
		assertThatThrownBy(() -> SCHEMAS.compile(tree(big.append("}}").toString())))
			.isInstanceOf(DefinitionInvalidException.class);
	}

	@Test
	void everyBuiltInSchemaIsAValidSchemaAndIsServed() {
		for (String name : JsonSchemas.BUILT_IN) {
			JsonNode document = SCHEMAS.document(name).orElseThrow();
			assertThat(SCHEMAS.compile(document)).as(name).isNotNull();
		}
		assertThat(SCHEMAS.document("nope")).isEmpty();
	}

	private static JsonNode tree(String text) {
		return JSON.readTree(text);
	}
}
