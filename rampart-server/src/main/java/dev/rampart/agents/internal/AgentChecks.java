package dev.rampart.agents.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.schema.JsonSchemas;
import dev.rampart.tools.Tools;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Every check an agent definition must pass before it is stored, all at once: the {@code agent-definition} schema, then
 * (when the schema holds) what only the tenant can answer: each provider exists, offers the model when it lists its
 * models, each tool exists, and the output schema is a usable JSON Schema. Paths are those of the definition, with an
 * optional prefix ({@code agent.}) when the definition is part of a larger request.
 */
@Component
class AgentChecks {

	private final JsonSchemas schemas;
	private final ProviderRegistry providers;
	private final Tools tools;

	AgentChecks(JsonSchemas schemas, ProviderRegistry providers, Tools tools) {
		this.schemas = schemas;
		this.providers = providers;
		this.tools = tools;
	}

	List<FieldProblem> problems(TenantId tenant, JsonNode definition, String prefix) {
		List<FieldProblem> problems = new ArrayList<>();
		for (FieldProblem problem : schemas.violations("agent-definition", definition)) {
			problems.add(prefixed(prefix, problem));
		}
		if (!problems.isEmpty()) {
			return problems;
		}
		JsonNode chain = definition.path("model").path("chain");
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < chain.size(); i++) {
			String providerId = chain.get(i).path("provider").asString();
			String model = chain.get(i).path("model").asString();
			String at = prefix + "model.chain[" + i + "]";
			if (!seen.add(providerId + "/" + model)) {
				problems.add(new FieldProblem(at + ".model", "names " + providerId + "/" + model + " a second time"));
			}
			Optional<Provider> provider = providers.find(tenant, providerId);
			if (provider.isEmpty()) {
				problems.add(new FieldProblem(at + ".provider", "no provider '" + providerId + "' in this tenant"
						+ " (see GET /api/v1/providers)"));
			}
			else if (!provider.get().models().isEmpty() && provider.get().model(model).isEmpty()) {
				problems.add(new FieldProblem(at + ".model", "provider '" + providerId + "' offers no model '" + model
						+ "'; it offers " + String.join(", ", provider.get().modelNames())));
			}
		}
		// only the provider: its model list names chat models with their prices, not embedding models
		String embedder = definition.path("memory").path("embedding").path("provider").asString(null);
		if (embedder != null && providers.find(tenant, embedder).isEmpty()) {
			problems.add(new FieldProblem(prefix + "memory.embedding.provider", "no provider '" + embedder
					+ "' in this tenant (see GET /api/v1/providers)"));
		}
		JsonNode bound = definition.path("tools");
		for (int i = 0; i < bound.size(); i++) {
			String name = bound.get(i).path("name").asString();
			if (tools.find(tenant, name).isEmpty()) {
				problems.add(new FieldProblem(prefix + "tools[" + i + "].name", "no tool '" + name + "' in this tenant"
						+ " (see GET /api/v1/tools)"));
			}
		}
		if (definition.has("outputSchema")) {
			try {
				schemas.compile(definition.get("outputSchema"));
			}
			catch (InvalidFieldsException invalid) {
				for (FieldProblem problem : invalid.errors()) {
					problems.add(prefixed(prefix + "outputSchema.", problem));
				}
			}
		}
		return problems;
	}

	static FieldProblem prefixed(String prefix, FieldProblem problem) {
		if (prefix.isEmpty()) {
			return problem;
		}
		String field = problem.field().equals("(root)") ? prefix.substring(0, prefix.length() - 1)
				: problem.field().startsWith("[") ? prefix.substring(0, prefix.length() - 1) + problem.field()
						: prefix + problem.field();
		return new FieldProblem(field, problem.message());
	}
}
