package dev.rampart.agents.step;

import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.schema.JsonSchemas;
import dev.rampart.shared.schema.JsonSchemas.CompiledSchema;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a final answer against the agent's output schema (structured output): the answer is parsed as JSON (a
 * fenced {@code ```json} block is unwrapped, models like to add one) and validated. What does not satisfy the schema is
 * reported with the step's result, never thrown: the answer is still the model's, and the caller decides.
 */
@Component
class OutputCheck {

	private final JsonSchemas schemas;
	private final JsonMapper json;
	private final Cache<JsonNode, CompiledSchema> compiled = Caffeine.newBuilder().maximumSize(1_000).build();

	OutputCheck(JsonSchemas schemas, JsonMapper json) {
		this.schemas = schemas;
		this.json = json;
	}

	/** The parsed answer, or why it does not satisfy the schema. */
	record Checked(@Nullable JsonNode value, List<String> problems) {

		static final Checked NONE = new Checked(null, List.of());
	}

	Checked check(@Nullable JsonNode schema, String answer) {
		if (schema == null) {
			return Checked.NONE;
		}
		JsonNode value;
		try {
			value = json.readTree(unfenced(answer));
		}
		catch (JacksonException ex) {
			return new Checked(null, List.of("the answer is not JSON"));
		}
		List<FieldProblem> problems = compiled.get(schema, schemas::compile).violations(value);
		if (problems.isEmpty()) {
			return new Checked(value, List.of());
		}
		return new Checked(null, problems.stream()
			.map(problem -> (problem.field().isEmpty() ? "" : problem.field() + ": ") + problem.message())
			.toList());
	}

	private static String unfenced(String answer) {
		String text = answer.strip();
		if (text.startsWith("```")) {
			int firstLine = text.indexOf('\n');
			int close = text.lastIndexOf("```");
			if (firstLine > 0 && close > firstLine) {
				return text.substring(firstLine + 1, close);
			}
		}
		return text;
	}
}
