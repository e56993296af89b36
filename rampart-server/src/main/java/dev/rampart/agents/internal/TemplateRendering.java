package dev.rampart.agents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a template and a user's values into an agent definition: the parameter schema's defaults fill missing values,
 * the values are checked against that schema, placeholders are replaced, the request's name and overrides are laid on
 * top, and the result gets every agent check. All problems of all stages are reported together, by request path
 * ({@code values.topic}, {@code agent.tools[0].name}), as {@code TEMPLATE_VALIDATION_FAILED}.
 */
@Component
class TemplateRendering {

	private final TemplateChecks templateChecks;
	private final AgentChecks agentChecks;

	TemplateRendering(TemplateChecks templateChecks, AgentChecks agentChecks) {
		this.templateChecks = templateChecks;
		this.agentChecks = agentChecks;
	}

	/**
	 * @param values the user's parameter values (an object), or null for none
	 * @param name the new agent's name, or null for the template's
	 * @param overrides top-level agent fields that replace the rendered ones, or null
	 * @throws TemplateValidationException listing every problem
	 */
	ObjectNode render(TenantId tenant, Template template, @Nullable JsonNode values, @Nullable String name,
			@Nullable JsonNode overrides) {
		List<FieldProblem> problems = new ArrayList<>();
		ObjectNode filled = JsonNodeFactory.instance.objectNode();
		if (values != null && !values.isObject()) {
			problems.add(new FieldProblem("values", "must be an object of parameter values"));
		}
		else if (values != null) {
			filled.setAll((ObjectNode) values);
		}
		JsonNode parameters = template.definition().path("parameters");
		for (Map.Entry<String, JsonNode> parameter : parameters.path("properties").properties()) {
			if (!filled.has(parameter.getKey()) && parameter.getValue().has("default")) {
				filled.set(parameter.getKey(), parameter.getValue().get("default"));
			}
		}
		if (!parameters.isMissingNode() && problems.isEmpty()) {
			templateChecks.parameters(template.definition()).violations(filled)
				.forEach(problem -> problems.add(AgentChecks.prefixed("values.", problem)));
		}
		ObjectNode agent = (ObjectNode) Placeholders.render(template.definition().path("agent"), filled);
		if (name != null) {
			agent.put("name", name);
		}
		if (overrides != null && overrides.isObject()) {
			overrides.properties().forEach(field -> agent.set(field.getKey(), field.getValue()));
		}
		else if (overrides != null && !overrides.isNull()) {
			problems.add(new FieldProblem("overrides", "must be an object of agent fields"));
		}
		problems.addAll(agentChecks.problems(tenant, agent, "agent."));
		if (!problems.isEmpty()) {
			throw new TemplateValidationException(template.id(), problems);
		}
		return agent;
	}
}
