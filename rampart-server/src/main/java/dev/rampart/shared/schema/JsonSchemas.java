package dev.rampart.shared.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.rampart.shared.Problems.FieldProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schemas (draft 2020-12) Rampart validates definitions against, and the validator.
 * Built-in schemas live in {@code classpath:schemas/<name>.schema.json}. Validation reports every
 * violation, each with the path of the offending value ({@code steps[2].retry.maxAttempts}) and a
 * message that names the rule, never the whole document.
 *
 * <p>Schemas never load anything from the network: a {@code $ref} resolves inside the schema, to
 * another built-in schema, or to the bundled meta-schemas. What this does <em>not</em> do: bound
 * the cost of regular expressions in a caller-supplied schema ({@link #compile(JsonNode)}); such
 * schemas are capped in size and must come from an authenticated tenant member.
 */
@Component
public class JsonSchemas {

	/** The built-in schemas, by name. */
	public static final List<String> BUILT_IN = List.of("agent-definition", "template-definition", "workflow-definition");

	/** A caller-supplied schema larger than this many JSON nodes is refused. */
	static final int MAX_SCHEMA_NODES = 2_000;

	private static final String BASE = "https://schemas.rampart.dev/v1/";

	private final JsonMapper json;
	private final SchemaRegistry registry;
	private final Schema metaSchema;
	private final Map<String, JsonNode> documents;
	private final Map<String, Schema> schemas;

	public JsonSchemas(JsonMapper json) {
		this.json = json;
		Map<String, JsonNode> loaded = new LinkedHashMap<>();
		for (String name : BUILT_IN) {
			loaded.put(name, read("schemas/" + name + ".schema.json"));
		}
		this.documents = Collections.unmodifiableMap(loaded);
		this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
			.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
			// $ref to https://schemas.rampart.dev/v1/<name> is served from the bundled documents;
			// anything else not bundled (remote URLs, files) is never fetched.
			.schemas(iri -> iri.startsWith(BASE) ? text(loaded.get(iri.substring(BASE.length()))) : null)
			.schemaLoader(loader -> loader.fetchRemoteResources(false)));
		Map<String, Schema> compiled = new LinkedHashMap<>();
		for (String name : BUILT_IN) {
			compiled.put(name, registry.getSchema(SchemaLocation.of(BASE + name)));
		}
		this.schemas = Collections.unmodifiableMap(compiled);
		this.metaSchema = registry.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
	}

	/** The built-in schema document of that name, as served to clients. */
	public Optional<JsonNode> document(String name) {
		return Optional.ofNullable(documents.get(name));
	}

	/** Every violation of the named built-in schema, in document order; empty when the document is valid. */
	public List<FieldProblem> violations(String name, JsonNode document) {
		Schema schema = schemas.get(name);
		if (schema == null) {
			throw new IllegalArgumentException("no built-in schema named " + name + "; known: " + BUILT_IN);
		}
		return problems(schema.validate(document));
	}

	/**
	 * Throws {@link DefinitionInvalidException} listing every violation when the document breaks
	 * the named built-in schema.
	 */
	public void check(String name, JsonNode document) {
		List<FieldProblem> problems = violations(name, document);
		if (!problems.isEmpty()) {
			throw new DefinitionInvalidException(name, problems);
		}
	}

	/**
	 * A caller-supplied schema (a template's parameters), checked against the draft 2020-12
	 * meta-schema and capped at {@value #MAX_SCHEMA_NODES} nodes.
	 *
	 * @throws DefinitionInvalidException when it is not a valid schema, listing why by path
	 */
	public CompiledSchema compile(JsonNode schema) {
		if (count(schema, MAX_SCHEMA_NODES + 1) > MAX_SCHEMA_NODES) {
			throw new DefinitionInvalidException("json-schema", List.of(new FieldProblem("(root)",
					"the schema has more than " + MAX_SCHEMA_NODES + " nodes")));
		}
		List<FieldProblem> problems = new ArrayList<>(problems(metaSchema.validate(schema)));
		outsideReferences(schema, "", problems);
		if (!problems.isEmpty()) {
			throw new DefinitionInvalidException("json-schema", problems);
		}
		try {
			Schema compiled = registry.getSchema(schema);
			compiled.initializeValidators(); // resolves every $ref now: a dangling one is the schema's fault, not a 500 later
			return new CompiledSchema(compiled);
		}
		catch (SchemaException e) {
			throw new DefinitionInvalidException("json-schema", List.of(new FieldProblem("(root)",
					"the schema cannot be compiled; check its $ref, $anchor and pattern values")));
		}
	}

	/** A caller's schema may refer only to its own parts ({@code #...}) or to Rampart's built-in schemas. */
	private static void outsideReferences(JsonNode node, String path, List<FieldProblem> problems) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
				boolean reference = field.getKey().equals("$ref") || field.getKey().equals("$dynamicRef");
				if (reference && field.getValue().isString() && !field.getValue().stringValue().startsWith("#")
						&& !field.getValue().stringValue().startsWith(BASE)) {
					problems.add(new FieldProblem(at, "may refer only to a part of this schema (#/...) or to " + BASE + "<name>"));
				}
				outsideReferences(field.getValue(), at, problems);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				outsideReferences(node.get(i), path + "[" + i + "]", problems);
			}
		}
	}

	/** A schema compiled by {@link #compile(JsonNode)}; thread-safe. */
	public static final class CompiledSchema {

		private final Schema schema;

		CompiledSchema(Schema schema) {
			this.schema = schema;
		}

		public List<FieldProblem> violations(JsonNode document) {
			return problems(schema.validate(document));
		}
	}

	static List<FieldProblem> problems(List<Error> errors) {
		Set<FieldProblem> unique = new LinkedHashSet<>();
		for (Error error : errors) {
			unique.add(new FieldProblem(path(error), message(error)));
		}
		return List.copyOf(unique);
	}

	/**
	 * The path of the offending value in the style of bean validation ({@code a.b[0].c}). For a
	 * missing or unknown property, that property's own path, so each one is its own entry.
	 */
	static String path(Error error) {
		StringBuilder path = new StringBuilder();
		NodePath location = error.getInstanceLocation();
		for (int i = 0; i < location.getNameCount(); i++) {
			append(path, location.getElement(i));
		}
		String keyword = error.getKeyword();
		if (error.getProperty() != null && ("required".equals(keyword) || "additionalProperties".equals(keyword)
				|| "unevaluatedProperties".equals(keyword) || "dependentRequired".equals(keyword)
				|| "propertyNames".equals(keyword))) {
			append(path, error.getProperty());
		}
		return path.isEmpty() ? "(root)" : path.toString();
	}

	private static void append(StringBuilder path, Object element) {
		if (element instanceof Integer index) {
			path.append('[').append(index).append(']');
		}
		else {
			if (!path.isEmpty()) {
				path.append('.');
			}
			path.append(element);
		}
	}

	/** The validator's message without its leading location, which {@link #path} already gives. */
	static String message(Error error) {
		String keyword = error.getKeyword();
		if ("additionalProperties".equals(keyword) || "unevaluatedProperties".equals(keyword)) {
			return "is not a known field";
		}
		if ("required".equals(keyword)) {
			return "is required";
		}
		String message = error.getMessage();
		int colon = message.indexOf(": ");
		return colon >= 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
	}

	private static int count(JsonNode node, int stopAt) {
		int total = 1;
		for (JsonNode child : node) {
			total += count(child, stopAt - total);
			if (total >= stopAt) {
				return total;
			}
		}
		if (node.isObject()) {
			total += node.size();
		}
		return total;
	}

	private JsonNode read(String resource) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			return json.readTree(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException("built-in schema " + resource + " is missing from the build", e);
		}
	}

	private @Nullable String text(@Nullable JsonNode node) {
		return node == null ? null : json.writeValueAsString(node);
	}
}
