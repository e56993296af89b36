package dev.rampart.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.agents.AgentVersion;
import dev.rampart.agents.Agents;
import dev.rampart.agents.TestAgentVersions;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.schema.JsonSchemas;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolCall;
import dev.rampart.tools.ToolResult;
import dev.rampart.tools.Tools;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The validation table: each kind of problem reported at its path, and several at once. */
class WorkflowChecksTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final TenantId TENANT = new TenantId(UUID.randomUUID());
	static final UUID AGENT = UUID.fromString("0190f5c2-1111-7000-8000-000000000001");
	static final UUID CHILD = UUID.fromString("0190f5c2-2222-7000-8000-000000000002");

	/** Knows one agent (versions 1 and 2, alias prod), the calculator tool and one workflow (version 1). */
	private final WorkflowChecks checks = new WorkflowChecks(new JsonSchemas(JSON), new OneAgent(), new OneTool(),
			new OneWorkflow());

	private List<FieldProblem> problems(String definition) {
		return checks.problems(TENANT, JSON.readTree(definition), null);
	}

	private List<String> fields(String definition) {
		return problems(definition).stream().map(FieldProblem::field).toList();
	}

	/** A definition using every step type, valid in the tenant above. */
	static final String EVERY_STEP = """
			{"name":"Order","start":"fetch","inputSchema":{"type":"object"},"steps":[
			 {"id":"fetch","type":"tool","tool":"calculator","input":{"expression":"=$input.amount & ' * 2'"},"next":"route",
			  "retry":{"maxAttempts":3,"backoff":"exponential","initialBackoffSeconds":1,"maxBackoffSeconds":10,
			           "retryOn":["retriable","timeout"]},"timeoutSeconds":30,"compensation":"refund"},
			 {"id":"route","type":"switch","expression":"$steps.fetch.output.tier","cases":{"gold":"vip","silver":"check"},
			  "default":"check"},
			 {"id":"vip","type":"agent","agent":"0190f5c2-1111-7000-8000-000000000001@prod","input":"=$steps.fetch.output",
			  "next":"fan"},
			 {"id":"check","type":"condition","branches":[{"when":"$input.amount > 100","next":"approve"}],"default":"fan"},
			 {"id":"approve","type":"approval","prompt":"Approve the order?","timeoutSeconds":3600,"onTimeout":"fan",
			  "onReject":"reject","next":"fan"},
			 {"id":"reject","type":"transform","expression":"{'rejected': true}"},
			 {"id":"fan","type":"parallel","branches":["left","right"],"join":1,"next":"each"},
			 {"id":"left","type":"transform","expression":"$input.a"},
			 {"id":"right","type":"wait","prompt":"Anything to add?","inputSchema":{"type":"object"},"timeoutSeconds":60,
			  "onTimeout":"right-default"},
			 {"id":"right-default","type":"transform","expression":"{}"},
			 {"id":"each","type":"map","over":"$input.items","do":"item","maxConcurrency":2,"next":"again"},
			 {"id":"item","type":"transform","expression":"$item.price * 2"},
			 {"id":"again","type":"loop","do":"poll","while":"$steps.poll.output.pending","maxIterations":5,"next":"child"},
			 {"id":"poll","type":"agent","agent":"0190f5c2-1111-7000-8000-000000000001","input":{"ask":"=$steps.left.output"}},
			 {"id":"child","type":"sub_workflow","workflow":"0190f5c2-2222-7000-8000-000000000002@1",
			  "input":{"order":"=$steps.`right-default`.output","literal":"==not an expression"}},
			 {"id":"refund","type":"tool","tool":"calculator","input":{"expression":"=$steps.fetch.output.amount"}}]}
			""";

	@Test
	void aDefinitionUsingEveryStepTypeHasNoProblems() {
		assertThat(problems(EVERY_STEP)).isEmpty();
	}

	@Test
	void theSchemaComesFirstAndAloneWhenItFails() {
		assertThat(fields("""
				{"name":"","start":"a","steps":[{"id":"a","type":"loop","do":"b"},{"id":"b","type":"teleport"}],"extra":1}
				""")).containsExactlyInAnyOrder("name", "extra", "steps[0].while", "steps[0].maxIterations", "steps[1].type");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			unknown next            | {"id":"a","type":"transform","expression":"1","next":"ghost"}                     | steps[0].next        | no step 'ghost'
			unknown branch target   | {"id":"a","type":"condition","branches":[{"when":"true","next":"ghost"}]}        | steps[0].branches[0].next | no step 'ghost'
			unknown case target     | {"id":"a","type":"switch","expression":"'x'","cases":{"x":"ghost"}}              | steps[0].cases.x     | no step 'ghost'
			unknown join source     | {"id":"a","type":"parallel","branches":["ghost"]}                              | steps[0].branches[0] | no step 'ghost'
			unknown compensation    | {"id":"a","type":"tool","tool":"calculator","compensation":"ghost"}             | steps[0].compensation | no step 'ghost'
			unknown loop body       | {"id":"a","type":"loop","do":"ghost","while":"false","maxIterations":2}         | steps[0].do          | no step 'ghost'
			field of another type   | {"id":"a","type":"tool","tool":"calculator","over":"$input"}                    | steps[0].over        | does not apply to a tool step
			next on a condition     | {"id":"a","type":"condition","branches":[{"when":"true","next":"a"}],"next":"a"} | steps[0].next        | does not apply to a condition step
			transform not compiling | {"id":"a","type":"transform","expression":"$input.(("}                          | steps[0].expression  | not a valid JSONata expression
			mapping not compiling   | {"id":"a","type":"tool","tool":"calculator","input":{"x":"=[1,"}}               | steps[0].input.x     | not a valid JSONata expression
			mapping unknown step    | {"id":"a","type":"tool","tool":"calculator","input":{"x":"=$steps.ghost.output"}} | steps[0].input.x   | no step 'ghost'
			unknown agent           | {"id":"a","type":"agent","agent":"0190f5c2-9999-7000-8000-000000000009"}        | steps[0].agent       | no agent with id
			unknown agent alias     | {"id":"a","type":"agent","agent":"0190f5c2-1111-7000-8000-000000000001@canary"} | steps[0].agent     | no version or alias 'canary'
			agent by name           | {"id":"a","type":"agent","agent":"support-bot"}                                  | steps[0].agent       | must be an agent id
			unknown tool            | {"id":"a","type":"tool","tool":"teleporter"}                                     | steps[0].tool        | no tool 'teleporter'
			unknown sub-workflow    | {"id":"a","type":"sub_workflow","workflow":"0190f5c2-9999-7000-8000-000000000009"} | steps[0].workflow | no workflow with id
			unknown workflow version | {"id":"a","type":"sub_workflow","workflow":"0190f5c2-2222-7000-8000-000000000002@7"} | steps[0].workflow | no version 7
			retry with one attempt  | {"id":"a","type":"tool","tool":"calculator","retry":{"initialBackoffSeconds":2}} | steps[0].retry.maxAttempts | nothing is retried
			retry backoff inverted  | {"id":"a","type":"tool","tool":"calculator","retry":{"maxAttempts":3,"initialBackoffSeconds":20,"maxBackoffSeconds":5}} | steps[0].retry.maxBackoffSeconds | less than initialBackoffSeconds
			too many attempts       | {"id":"a","type":"tool","tool":"calculator","retry":{"maxAttempts":11}}         | steps[0].retry.maxAttempts | 10
			retry on a human step   | {"id":"a","type":"approval","prompt":"ok?","retry":{"maxAttempts":2}}           | steps[0].retry       | does not apply to an approval step
			tool timeout too long   | {"id":"a","type":"tool","tool":"calculator","timeoutSeconds":100000}            | steps[0].timeoutSeconds | at most 86400
			approval without path   | {"id":"a","type":"approval","prompt":"ok?","timeoutSeconds":60}                 | steps[0].onTimeout   | is required
			wait without path       | {"id":"a","type":"wait","timeoutSeconds":60}                                    | steps[0].onTimeout   | is required
			timeout path, no timeout | {"id":"a","type":"wait","onTimeout":"a"}                                        | steps[0].onTimeout   | needs timeoutSeconds
			join above branches     | {"id":"a","type":"parallel","branches":["a"],"join":3}                          | steps[0].join        | waits for 3 branches
			""")
	void eachProblemIsReportedAtItsPath(String kind, String step, String field, String message) {
		List<FieldProblem> found = problems("{\"name\":\"w\",\"start\":\"a\",\"steps\":[" + step + "]}");

		assertThat(found).as(kind).filteredOn(problem -> problem.field().equals(field)).isNotEmpty()
			.anySatisfy(problem -> assertThat(problem.message()).contains(message));
	}

	@Test
	void graphProblemsAreReportedAllAtOnce() {
		List<FieldProblem> found = problems("""
				{"name":"w","start":"a","steps":[
				 {"id":"a","type":"transform","expression":"1","next":"b"},
				 {"id":"b","type":"transform","expression":"$steps.c.output","next":"a"},
				 {"id":"c","type":"transform","expression":"2"},
				 {"id":"b","type":"transform","expression":"3"},
				 {"id":"d","type":"tool","tool":"calculator","compensation":"a"}]}
				""");

		assertThat(found).extracting(FieldProblem::field).containsExactlyInAnyOrder("steps[1].next", "steps[1].expression",
				"steps[2]", "steps[3].id", "steps[4]", "steps[4].compensation");
		assertThat(found).filteredOn(p -> p.field().equals("steps[1].next")).extracting(FieldProblem::message)
			.containsExactly("closes a cycle a → b → a; repeat steps with a loop or map step instead");
		assertThat(found).filteredOn(p -> p.field().equals("steps[2]")).extracting(FieldProblem::message)
			.containsExactly("step 'c' is never reached from start 'a', nor as a compensation");
		assertThat(found).filteredOn(p -> p.field().equals("steps[1].expression")).extracting(FieldProblem::message)
			.containsExactly("reads $steps.c, but step 'c' does not run before this one");
		assertThat(found).filteredOn(p -> p.field().equals("steps[3].id")).extracting(FieldProblem::message)
			.containsExactly("'b' is already the id of steps[1]");
	}

	@Test
	void anUnknownStartIsReported() {
		assertThat(fields("{\"name\":\"w\",\"start\":\"nowhere\",\"steps\":[{\"id\":\"a\",\"type\":\"transform\",\"expression\":\"1\"}]}"))
			.containsExactly("start");
	}

	@Test
	void stepsAfterAParallelMayReadItsBranchesButNotAMapBody() {
		assertThat(fields("""
				{"name":"w","start":"p","steps":[
				 {"id":"p","type":"parallel","branches":["x","y"],"next":"m"},
				 {"id":"x","type":"transform","expression":"1"},
				 {"id":"y","type":"transform","expression":"2"},
				 {"id":"m","type":"map","over":"[$steps.x.output, $steps.y.output]","do":"body","next":"end"},
				 {"id":"body","type":"transform","expression":"$item + $steps.x.output"},
				 {"id":"end","type":"transform","expression":"$steps.m.output ~> $append($steps.body.output)"}]}
				""")).containsExactly("steps[5].expression");
	}

	@Test
	void aWorkflowCannotRunItself() {
		List<FieldProblem> found = checks.problems(TENANT, JSON.readTree("""
				{"name":"w","start":"a","steps":[{"id":"a","type":"sub_workflow","workflow":"0190f5c2-2222-7000-8000-000000000002"}]}
				"""), CHILD);

		assertThat(found).extracting(FieldProblem::message).containsExactly("names this workflow; a workflow cannot run itself");
	}

	@Test
	void anInvalidInputSchemaIsReportedInsideIt() {
		assertThat(fields("""
				{"name":"w","start":"a","inputSchema":{"type":"nonsense"},"steps":[
				 {"id":"a","type":"wait","inputSchema":{"minLength":-1}}]}
				""")).anyMatch(field -> field.startsWith("inputSchema")).anyMatch(field -> field.startsWith("steps[0].inputSchema"));
	}

	private static final class OneAgent implements Agents {

		@Override
		public Optional<AgentVersion> resolve(TenantId tenant, UUID agentId, @Nullable String selector) {
			if (!agentId.equals(AGENT) || selector != null && !List.of("1", "2", "prod").contains(selector)) {
				return Optional.empty();
			}
			return Optional.of(TestAgentVersions.minimal(AGENT, 2));
		}
	}

	private static final class OneTool implements Tools {

		@Override
		public List<Tool> available(TenantId tenant) {
			return List.of(new Tool() {
				@Override
				public String name() {
					return "calculator";
				}

				@Override
				public String description() {
					return "computes";
				}

				@Override
				public JsonNode parameters() {
					return JSON.readTree("{\"type\":\"object\"}");
				}

				@Override
				public ToolResult call(ToolCall call) {
					return ToolResult.ok("0");
				}
			});
		}
	}

	private static final class OneWorkflow extends WorkflowRows {

		OneWorkflow() {
			super(null, JSON);
		}

		@Override
		boolean live(TenantId tenant, UUID id) {
			return id.equals(CHILD);
		}

		@Override
		boolean hasVersion(TenantId tenant, UUID id, int version) {
			return id.equals(CHILD) && version == 1;
		}
	}
}
