package dev.rampart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rampart.shared.schema.JsonSchemas;
import dev.rampart.shared.schema.ValidatedAgainst;
import jakarta.validation.Valid;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every request body of every controller is checked before a handler sees it: Bean Validation
 * ({@code @Valid}) reporting all invalid fields at once, or a JSON Schema ({@code @ValidatedAgainst}).
 * A body that is neither must be listed below with the reason, so the exception is a decision.
 */
class RequestBodyValidationTest {

	/** "Controller#method" of bodies validated another way, and how. */
	private static final Map<String, String> VALIDATED_OTHERWISE = Map.ofEntries(
			Map.entry("SchemasController#validate", "the body is a draft checked against the schema named in the path"),
			Map.entry("ProvidersController#create", "ProviderRequest.toConfiguration checks every field by hand, all at once, "
					+ "including the rules of the resolved resilience settings (ProviderRequestTest)"),
			Map.entry("ProvidersController#replace", "the same ProviderRequest.toConfiguration as create"),
			Map.entry("AgentsController#create", "a definition or a template request: JdbcAgents runs the agent-definition "
					+ "schema and the tenant's checks (providers, models, tools) and reports every problem at once (AgentsApiIT)"),
			Map.entry("AgentsController#replace", "the same checks as create, after the agent is found (another tenant's is 404)"),
			Map.entry("TemplatesController#replace", "TemplateCatalog runs the template-definition schema and its own checks "
					+ "after the template is found (another tenant's is 404, not 400)"),
			Map.entry("WorkflowsController#create", "WorkflowChecks runs the workflow-definition schema, then the graph, "
					+ "expression and tenant checks, and reports every problem at once (WorkflowChecksTest, WorkflowsApiIT)"),
			Map.entry("WorkflowsController#createYaml", "YAML text read into the same tree, then the same checks as create"),
			Map.entry("WorkflowsController#replace", "the same checks as create, after the workflow is found (another "
					+ "tenant's is 404)"),
			Map.entry("WorkflowsController#replaceYaml", "YAML text read into the same tree, then the same checks as replace"),
			Map.entry("WorkflowsController#validate", "the body is a draft; answering with its problems is the endpoint's job"),
			Map.entry("WorkflowsController#validateYaml", "YAML text read into the same tree, then the same checks as validate"));

	@Test
	void everyRequestBodyIsValidated() throws ClassNotFoundException {
		var scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
		List<String> unvalidated = new ArrayList<>();
		List<String> unknownSchemas = new ArrayList<>();
		int bodies = 0;
		for (BeanDefinition candidate : scanner.findCandidateComponents("dev.rampart")) {
			Class<?> controller = ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader());
			for (Method method : controller.getDeclaredMethods()) {
				for (Parameter parameter : method.getParameters()) {
					if (!parameter.isAnnotationPresent(RequestBody.class)) {
						continue;
					}
					bodies++;
					String name = controller.getSimpleName() + "#" + method.getName();
					ValidatedAgainst schema = parameter.getAnnotation(ValidatedAgainst.class);
					if (schema != null && !JsonSchemas.BUILT_IN.contains(schema.value())) {
						unknownSchemas.add(name + " names '" + schema.value() + "'");
					}
					boolean validated = parameter.isAnnotationPresent(Valid.class)
							|| parameter.isAnnotationPresent(Validated.class)
							|| parameter.isAnnotationPresent(ValidatedAgainst.class) || VALIDATED_OTHERWISE.containsKey(name);
					if (!validated) {
						unvalidated.add(name);
					}
				}
			}
		}
		assertThat(bodies).as("request bodies found; if none, the scan is broken").isGreaterThan(5);
		assertThat(unvalidated).as("request bodies without @Valid or @ValidatedAgainst").isEmpty();
		assertThat(unknownSchemas).as("@ValidatedAgainst naming no built-in schema").isEmpty();
	}
}
