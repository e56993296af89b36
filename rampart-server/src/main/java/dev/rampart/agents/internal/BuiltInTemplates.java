package dev.rampart.agents.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import dev.rampart.shared.Problems.FieldProblem;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog every tenant starts from ({@code classpath:agents/templates/<name>.json}, id {@code builtin:<name>}). Each
 * is checked like a tenant's template at start-up, so a broken one stops the build's tests, not a user.
 */
@Component
class BuiltInTemplates {

	/** In the order the catalog lists them. */
	static final List<String> NAMES = List.of("assistant", "researcher", "support", "extractor", "tool-user");

	private final List<Template> templates;

	BuiltInTemplates(JsonMapper json, TemplateChecks checks) {
		List<Template> loaded = new ArrayList<>();
		for (String name : NAMES) {
			try (InputStream in = new ClassPathResource("agents/templates/" + name + ".json").getInputStream()) {
				Template template = Template.builtIn(name, json.readTree(in));
				List<FieldProblem> problems = checks.problems(template.definition());
				if (!problems.isEmpty()) {
					throw new IllegalStateException("built-in template " + name + " is invalid: " + problems);
				}
				loaded.add(template);
			}
			catch (IOException e) {
				throw new UncheckedIOException("built-in template " + name + " is missing from the build", e);
			}
		}
		this.templates = List.copyOf(loaded);
	}

	List<Template> all() {
		return templates;
	}
}
