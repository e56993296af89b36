package dev.rampart.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.gateway.GatewayProperties;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.schema.JsonSchemas;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jazzer fuzz tests (docs/adr/0011) of the JSON validation path a request body takes: the array
 * limit scan, the parser's string and nesting limits, then JSON Schema validation of definitions.
 * Without {@code JAZZER_FUZZ} they replay the seeds under
 * {@code src/test/resources/dev/rampart/gateway/internal/JsonValidationFuzzTestInputs/}.
 */
class JsonValidationFuzzTest {

	private static final GatewayProperties LIMITS = new Binder(new MapConfigurationPropertySource(Map.of(
			"rampart.gateway.max-string-length", "2000", "rampart.gateway.max-array-length", "50",
			"rampart.gateway.max-nesting-depth", "16")))
		.bindOrCreate("rampart.gateway", Bindable.of(GatewayProperties.class));

	private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxStringLength(LIMITS.maxStringLength())
			.maxNestingDepth(LIMITS.maxNestingDepth())
			.build())
		.build()).build();

	private static final JsonSchemas SCHEMAS = new JsonSchemas(JsonMapper.builder().build());

	private final JsonArrayLimitFilter arrays = new JsonArrayLimitFilter(LIMITS, null, null);

	/**
	 * Whatever the bytes, each stage either accepts them or refuses them with its own error; nothing
	 * else is thrown, every reported problem names a path and a message, and the answer is the same twice.
	 */
	@FuzzTest(maxDuration = "30s")
	void anyBodyGetsAnAnswerAndNeverAnUnexpectedError(FuzzedDataProvider data) {
		String schema = data.pickValue(JsonSchemas.BUILT_IN);
		byte[] body = data.consumeRemainingAsBytes();

		String overlong = arrays.overlongArray(body);
		if (overlong != null) {
			assertThat(overlong).startsWith("/");
			return;
		}
		JsonNode document;
		try {
			document = JSON.readTree(body);
		}
		catch (JacksonException refused) {
			return;
		}
		if (document == null || document.isMissingNode()) {
			return;
		}
		List<FieldProblem> problems = SCHEMAS.violations(schema, document);
		assertThat(problems).allSatisfy(problem -> {
			assertThat(problem.field()).isNotBlank();
			assertThat(problem.message()).isNotBlank().doesNotStartWith("$");
		});
		assertThat(SCHEMAS.violations(schema, document)).isEqualTo(problems);
	}

	/** A valid agent definition with one field replaced by fuzzed JSON: any problem is reported at or under that field. */
	@FuzzTest(maxDuration = "30s")
	void aBrokenFieldIsReportedWhereItIs(FuzzedDataProvider data) {
		String field = data.pickValue(List.of("name", "instructions", "model", "tools", "memory", "limits", "screening",
				"masking", "tags"));
		String replacement = data.consumeRemainingAsString();
		JsonNode value;
		try {
			value = JSON.readTree(replacement);
		}
		catch (JacksonException refused) {
			return;
		}
		if (value == null || value.isMissingNode()) {
			return;
		}
		ObjectNode agent = (ObjectNode) JSON.readTree("""
				{"name":"Support","instructions":"Answer politely.",
				 "model":{"chain":[{"provider":"sim","model":"sim-echo"}]},
				 "tools":[{"name":"http_request"}],"memory":{"enabled":true},"limits":{"maxSteps":8},
				 "screening":{"action":"wrap"},"masking":{"email":"partial"},"tags":{"team":"support"}}
				""");
		agent.set(field, value);
		assertThat(SCHEMAS.violations("agent-definition", agent))
			.allSatisfy(problem -> assertThat(problem.field()).startsWith(field));
	}
}
