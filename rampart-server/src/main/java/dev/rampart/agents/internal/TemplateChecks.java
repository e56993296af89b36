package dev.rampart.agents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.schema.JsonSchemas;
import dev.rampart.shared.schema.JsonSchemas.CompiledSchema;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What a template must satisfy to be stored, all at once: the {@code template-definition} schema, a parameter schema
 * that compiles, and placeholders that name declared parameters. Whether its agent works in a tenant (providers,
 * tools) is checked when an agent is created from it.
 */
@Component
class TemplateChecks {

	private final JsonSchemas schemas;

	TemplateChecks(JsonSchemas schemas) {
		this.schemas = schemas;
	}

	List<FieldProblem> problems(JsonNode template) {
		List<FieldProblem> problems = new ArrayList<>(schemas.violations("template-definition", template));
		if (!problems.isEmpty()) {
			return problems;
		}
		JsonNode parameters = template.path("parameters");
		if (!parameters.isMissingNode()) {
			try {
				schemas.compile(parameters);
			}
			catch (InvalidFieldsException invalid) {
				invalid.errors().forEach(problem -> problems.add(AgentChecks.prefixed("parameters.", problem)));
			}
		}
		Set<String> declared = Placeholders.declared(parameters);
		for (Map.Entry<String, String> used : Placeholders.used(template.path("agent")).entrySet()) {
			if (!declared.contains(used.getKey())) {
				problems.add(new FieldProblem("agent." + used.getValue(), "uses {{" + used.getKey()
						+ "}}, which is not declared in parameters.properties"));
			}
		}
		return problems;
	}

	/** The compiled parameter schema of a template that passed {@link #problems}. */
	CompiledSchema parameters(JsonNode template) {
		return schemas.compile(template.path("parameters"));
	}
}
