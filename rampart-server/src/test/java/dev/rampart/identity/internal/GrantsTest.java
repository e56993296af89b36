package dev.rampart.identity.internal;

import java.util.List;
import java.util.Map;

import dev.rampart.identity.Condition;
import dev.rampart.identity.Grant;
import dev.rampart.identity.internal.GrantSpec.ConditionSpec;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Grants as JSON: every condition type round-trips, and every broken rule is named with its path. */
class GrantsTest {

	@Test
	void everyConditionTypeRoundTripsThroughJson() {
		List<Grant> grants = List.of(Grant.of("agent:read"), Grant.of("agent:execute", new Condition.OwnResources()),
				Grant.of("run:cancel", new Condition.Tagged(Map.of("env", "staging", "team", "a"))),
				Grant.of("credential:use", new Condition.AllOf(List.of(new Condition.FromNetwork(List.of("10.0.0.0/8", "::1/128")),
						new Condition.OwnResources()))));

		assertThat(Grants.fromJson(Grants.toJson(grants))).isEqualTo(grants);
		assertThat(Grants.toJson(List.of(Grant.of("agent:read")))).isEqualTo("[{\"permission\":\"agent:read\"}]");
	}

	@Test
	void everyProblemIsReportedWithItsPath() {
		List<GrantSpec> specs = List.of(new GrantSpec("agent", null), new GrantSpec("rocket:launch", null),
				new GrantSpec("agent:read", new ConditionSpec("tags", Map.of("env", "staging"), List.of("10.0.0.0/8"), null)),
				new GrantSpec("agent:read", new ConditionSpec("allOf", null, null,
						List.of(new ConditionSpec("network", null, List.of("10.0.0.0/8", "nope"), null)))),
				new GrantSpec("agent:read", nested(5)));

		InvalidFieldsException ex = catchThrowableOfType(InvalidFieldsException.class, () -> Grants.parse(specs, "grants"));

		assertThat(ex.errors()).extracting(FieldProblem::field).containsExactly("grants[0].permission", "grants[1].permission",
				"grants[2].condition", "grants[3].condition.conditions[0].cidrs[1]",
				"grants[4].condition.conditions[0].conditions[0].conditions[0].conditions[0]");
	}

	@Test
	void apiKeyPermissionsNameTheirResource() {
		InvalidFieldsException ex = catchThrowableOfType(InvalidFieldsException.class,
				() -> Grants.permissions(List.of("agent:read", "*:read"), "permissions"));

		assertThat(ex.errors()).extracting(FieldProblem::field).containsExactly("permissions[1]");
		assertThat(Grants.permissions(List.of("agent:read", "agent:read"), "permissions")).hasSize(1);
	}

	private static ConditionSpec nested(int depth) {
		return depth == 0 ? new ConditionSpec("owner", null, null, null)
				: new ConditionSpec("allOf", null, null, List.of(nested(depth - 1)));
	}
}
