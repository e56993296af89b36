package dev.rampart.gateway.web;

import java.util.List;
import java.util.Map;

import dev.rampart.shared.Authenticated;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.schema.JsonSchemas;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas of Rampart's definitions (agents, templates, workflows), and a dry run that
 * checks a draft against one without creating anything: the same {@code DEFINITION_INVALID}
 * answer, listing every problem by path, that creating it would give.
 */
@RestController
@RequestMapping("/api/v1/schemas")
class SchemasController {

	private static final String ANY_MEMBER = "schemas describe the public API; any member may read them and check a draft";

	private final JsonSchemas schemas;

	SchemasController(JsonSchemas schemas) {
		this.schemas = schemas;
	}

	@GetMapping
	@Authenticated(ANY_MEMBER)
	Map<String, List<SchemaSummary>> list() {
		return Map.of("schemas", JsonSchemas.BUILT_IN.stream().map(name -> {
			JsonNode document = find(name);
			return new SchemaSummary(name, document.path("title").asString(""), document.path("description").asString(""),
					"/api/v1/schemas/" + name);
		}).toList());
	}

	@GetMapping("/{name}")
	@Authenticated(ANY_MEMBER)
	JsonNode schema(@PathVariable String name) {
		return find(name);
	}

	@PostMapping("/{name}/validate")
	@Authenticated(ANY_MEMBER)
	Map<String, Object> validate(@PathVariable String name, @RequestBody JsonNode draft) {
		find(name);
		schemas.check(name, draft);
		return Map.of("valid", true, "schema", name);
	}

	private JsonNode find(String name) {
		return schemas.document(name).orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND,
				"There is no schema with that name; known: " + String.join(", ", JsonSchemas.BUILT_IN) + "."));
	}

	record SchemaSummary(String name, String title, String description, String href) {
	}
}
