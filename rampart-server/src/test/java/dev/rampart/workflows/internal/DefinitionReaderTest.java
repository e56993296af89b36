package dev.rampart.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Random;

import dev.rampart.workflows.Expression;
import dev.rampart.workflows.RetryPolicy;
import dev.rampart.workflows.Scope;
import dev.rampart.workflows.Step;
import dev.rampart.workflows.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The typed form the engine reads: every step type with its fields and defaults, mappings and retry delays. */
class DefinitionReaderTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WorkflowDefinition definition = DefinitionReader.read(JSON.readTree(WorkflowChecksTest.EVERY_STEP));

	@Test
	void everyStepTypeIsReadWithItsFields() {
		Map<String, Step> steps = definition.byId();

		assertThat(definition.entry().id()).isEqualTo("fetch");
		assertThat(steps.get("fetch")).isInstanceOfSatisfying(Step.Tool.class, tool -> {
			assertThat(tool.tool()).isEqualTo("calculator");
			assertThat(tool.next()).isEqualTo("route");
			assertThat(tool.options().timeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(tool.options().compensation()).isEqualTo("refund");
			assertThat(tool.options().retry().maxAttempts()).isEqualTo(3);
			assertThat(tool.options().retry().retryOn()).containsExactlyInAnyOrder(RetryPolicy.RetryOn.RETRIABLE,
					RetryPolicy.RetryOn.TIMEOUT);
		});
		assertThat(steps.get("route")).isInstanceOfSatisfying(Step.Switch.class, s -> {
			assertThat(s.cases()).containsEntry("gold", "vip");
			assertThat(s.otherwise()).isEqualTo("check");
			assertThat(s.next()).isNull();
		});
		assertThat(steps.get("vip")).isInstanceOfSatisfying(Step.Agent.class, agent -> {
			assertThat(agent.agentId()).isEqualTo(WorkflowChecksTest.AGENT);
			assertThat(agent.selector()).isEqualTo("prod");
		});
		assertThat(steps.get("poll")).isInstanceOfSatisfying(Step.Agent.class, agent -> assertThat(agent.selector()).isNull());
		assertThat(steps.get("check")).isInstanceOfSatisfying(Step.Condition.class,
				c -> assertThat(c.branches()).singleElement().satisfies(b -> assertThat(b.next()).isEqualTo("approve")));
		assertThat(steps.get("approve")).isInstanceOfSatisfying(Step.Approval.class, a -> {
			assertThat(a.onTimeout()).isEqualTo("fan");
			assertThat(a.onReject()).isEqualTo("reject");
			assertThat(a.options().timeout()).isEqualTo(Duration.ofHours(1));
		});
		assertThat(steps.get("fan")).isInstanceOfSatisfying(Step.Parallel.class, p -> {
			assertThat(p.branches()).containsExactly("left", "right");
			assertThat(p.join().policy()).isEqualTo(Step.Join.Policy.COUNT);
			assertThat(p.join().needed(2)).isEqualTo(1);
		});
		assertThat(steps.get("right")).isInstanceOf(Step.Wait.class);
		assertThat(steps.get("each")).isInstanceOfSatisfying(Step.ForEach.class, m -> {
			assertThat(m.body()).isEqualTo("item");
			assertThat(m.maxConcurrency()).isEqualTo(2);
		});
		assertThat(steps.get("again")).isInstanceOfSatisfying(Step.Loop.class, l -> assertThat(l.maxIterations()).isEqualTo(5));
		assertThat(steps.get("child")).isInstanceOfSatisfying(Step.SubWorkflow.class, c -> {
			assertThat(c.workflowId()).isEqualTo(WorkflowChecksTest.CHILD);
			assertThat(c.version()).isEqualTo(1);
		});
		assertThat(steps.get("reject").options()).satisfies(o -> {
			assertThat(o.retry()).isEqualTo(RetryPolicy.NONE);
			assertThat(o.optional()).isFalse();
			assertThat(o.timeout()).isNull();
		});
	}

	@Test
	void aMappingEvaluatesItsExpressionsAndKeepsLiterals() {
		Step.SubWorkflow child = (Step.SubWorkflow) definition.byId().get("child");
		Scope scope = Scope.of(JSON.readTree("{\"amount\":3}"), Map.of("right-default", JSON.readTree("{\"note\":\"hi\"}")));

		assertThat(child.input().resolve(scope)).isEqualTo(JSON.readTree(
				"{\"order\":{\"note\":\"hi\"},\"literal\":\"=not an expression\"}"));
		assertThat(((Step.Condition) definition.byId().get("check")).branches().get(0).when().test(scope)).isFalse();
		assertThat(((Step.Agent) definition.byId().get("poll")).input().expressions()).containsOnlyKeys(".ask");
	}

	@Test
	void anExpressionThatFailsAtRunTimeSaysSo() {
		Step.Transform transform = new Step.Transform("t", null, definition.entry().options(),
				new Expression("$input.a + 'text'"));

		assertThatThrownBy(() -> transform.expression().evaluate(Scope.of(JSON.readTree("{\"a\":1}"), Map.of())))
			.isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("The expression could not be evaluated");
	}

	@Test
	void retryDelaysGrowAreCappedAndJittered() {
		RetryPolicy policy = new RetryPolicy(5, RetryPolicy.Backoff.EXPONENTIAL, Duration.ofSeconds(1),
				Duration.ofSeconds(5), false, RetryPolicy.DEFAULT_RETRY_ON);
		Random random = new Random(1);

		assertThat(policy.delayAfter(1, random)).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.delayAfter(2, random)).isEqualTo(Duration.ofSeconds(2));
		assertThat(policy.delayAfter(4, random)).isEqualTo(Duration.ofSeconds(5));
		assertThat(policy.retries(RetryPolicy.RetryOn.RETRIABLE, 4)).isTrue();
		assertThat(policy.retries(RetryPolicy.RetryOn.RETRIABLE, 5)).isFalse();
		assertThat(policy.retries(RetryPolicy.RetryOn.TOOL_ERROR, 1)).isFalse();

		RetryPolicy jittered = new RetryPolicy(5, RetryPolicy.Backoff.FIXED, Duration.ofSeconds(4), Duration.ofSeconds(4),
				true, RetryPolicy.DEFAULT_RETRY_ON);
		for (int i = 0; i < 20; i++) {
			assertThat(jittered.delayAfter(3, random)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
		}
	}
}
