package dev.rampart.tools.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.schema.DefinitionInvalidException;
import dev.rampart.shared.schema.JsonSchemas;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads an OpenAPI 3.0 or 3.1 document (JSON or YAML) and turns each operation into the description of a tool
 * (docs/tools.md, "OpenAPI tool sets"). Every problem is reported at once, by path ({@code document.paths./pets.get}),
 * so a tenant can fix a document in one go. Only what tools need is read: servers, paths, operations, parameters, JSON
 * request bodies, and {@code $ref}s inside the document; a {@code $ref} to a file or URL is refused, never fetched.
 */
final class OpenApiDocuments {

	/** The largest document accepted, in characters of text (YAML or JSON). */
	static final int MAX_DOCUMENT_CHARS = 1024 * 1024;

	static final int MAX_OPERATIONS = 64;

	static final int MAX_TOOL_NAME = 64;

	private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

	private final JsonMapper json;
	private final YAMLMapper yaml = YAMLMapper.builder().build();
	private final JsonSchemas schemas;

	OpenApiDocuments(JsonMapper json, JsonSchemas schemas) {
		this.json = json;
		this.schemas = schemas;
	}

	/**
	 * One operation as a tool.
	 *
	 * @param operationId the document's operationId (or one made from the method and path when it has none)
	 * @param toolName {@code <set>_<operationId in snake_case>}
	 * @param method the HTTP method, upper case
	 * @param path the path template ({@code /pets/{petId}})
	 * @param description for the model
	 * @param parameters the JSON Schema of the arguments
	 * @param inputs where each argument goes
	 * @param jsonBody whether the operation takes a JSON body (argument {@code body})
	 */
	record Operation(String operationId, String toolName, String method, String path, String description,
			JsonNode parameters, List<Input> inputs, boolean jsonBody) {
	}

	/**
	 * One parameter of an operation.
	 *
	 * @param name the parameter's name in the request
	 * @param in {@code path}, {@code query} or {@code header}
	 * @param property the argument that carries it (its name unless two parameters share a name)
	 */
	record Input(String name, String in, String property) {
	}

	/** A document read and checked: the document as JSON, the base URL and its operations in document order. */
	record Parsed(JsonNode document, URI baseUrl, List<Operation> operations) {
	}

	/** The document as a JSON object: given as one, or as JSON or YAML text. */
	JsonNode read(JsonNode given) {
		if (given.isObject()) {
			if (json.writeValueAsString(given).length() > MAX_DOCUMENT_CHARS) {
				throw new DefinitionInvalidException("openapi", List.of(tooLarge()));
			}
			return given;
		}
		if (!given.isString()) {
			throw new DefinitionInvalidException("openapi", List.of(new FieldProblem("document",
					"must be an OpenAPI document: a JSON object, or its JSON or YAML text")));
		}
		String text = given.asString();
		if (text.length() > MAX_DOCUMENT_CHARS) {
			throw new DefinitionInvalidException("openapi", List.of(tooLarge()));
		}
		try {
			JsonNode tree = text.stripLeading().startsWith("{") ? json.readTree(text) : yaml.readTree(text);
			if (tree == null || !tree.isObject()) {
				throw new DefinitionInvalidException("openapi", List.of(new FieldProblem("document",
						"the text is not an object at the top level")));
			}
			return tree;
		}
		catch (JacksonException ex) {
			var location = ex.getLocation();
			String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
			throw new DefinitionInvalidException("openapi", List.of(new FieldProblem("document",
					"is neither valid JSON nor valid YAML" + where)));
		}
	}

	private static FieldProblem tooLarge() {
		return new FieldProblem("document", "is larger than " + MAX_DOCUMENT_CHARS + " characters");
	}

	/**
	 * Checks the document and builds its operations.
	 *
	 * @param set the tool set's name, the prefix of every tool name
	 * @param baseUrl overrides the document's {@code servers[0].url}
	 * @param only the operationIds to expose, or null for all
	 * @throws DefinitionInvalidException listing every problem by path
	 */
	Parsed parse(String set, JsonNode document, @Nullable String baseUrl, @Nullable List<String> only) {
		List<FieldProblem> problems = new ArrayList<>();
		JsonNode version = document.get("openapi");
		if (version == null || !version.isString() || !version.asString().matches("3\\.[01](\\..*)?")) {
			problems.add(new FieldProblem("document.openapi", "must be an OpenAPI version 3.0.x or 3.1.x"));
		}
		boolean openApi30 = version != null && version.isString() && version.asString().startsWith("3.0");
		URI base = baseUrl(document, baseUrl, problems);
		JsonNode paths = document.get("paths");
		List<Operation> operations = new ArrayList<>();
		Set<String> operationIds = new LinkedHashSet<>();
		if (paths == null || !paths.isObject()) {
			problems.add(new FieldProblem("document.paths", "must be an object of paths"));
		}
		else {
			SchemaInliner inliner = new SchemaInliner(document, openApi30);
			Set<String> toolNames = new LinkedHashSet<>();
			for (Map.Entry<String, JsonNode> path : paths.properties()) {
				String at = "document.paths." + path.getKey();
				if (!path.getKey().startsWith("/")) {
					problems.add(new FieldProblem(at, "a path must start with /"));
					continue;
				}
				JsonNode item = inliner.resolve(path.getValue(), at, problems);
				for (String method : METHODS) {
					JsonNode operation = item.get(method);
					if (operation == null || !operation.isObject()) {
						continue;
					}
					String operationId = operationId(operation, method, path.getKey());
					operationIds.add(operationId);
					if (only != null && !only.contains(operationId)) {
						continue;
					}
					Operation built = operation(set, method, path.getKey(), item, operation, operationId, inliner,
							at + "." + method, problems);
					if (built != null && !toolNames.add(built.toolName())) {
						problems.add(new FieldProblem(at + "." + method + ".operationId",
								"makes the tool name " + built.toolName() + ", which another operation already has"));
					}
					else if (built != null) {
						operations.add(built);
					}
				}
			}
		}
		if (only != null) {
			for (int i = 0; i < only.size(); i++) {
				String wanted = only.get(i);
				if (!operationIds.contains(wanted)) {
					problems.add(new FieldProblem("operations[" + i + "]", "the document has no operation '" + wanted + "'"));
				}
			}
		}
		if (problems.isEmpty() && operations.isEmpty()) {
			problems.add(new FieldProblem("document.paths", "has no operations to make tools of"));
		}
		if (operations.size() > MAX_OPERATIONS) {
			problems.add(new FieldProblem("operations", "at most " + MAX_OPERATIONS + " operations per tool set; the document has "
					+ operations.size() + ", so name the ones to expose"));
		}
		if (!problems.isEmpty()) {
			throw new DefinitionInvalidException("openapi", problems);
		}
		return new Parsed(document, Objects.requireNonNull(base), List.copyOf(operations));
	}

	private @Nullable URI baseUrl(JsonNode document, @Nullable String given, List<FieldProblem> problems) {
		String url = given;
		String field = "baseUrl";
		if (url == null) {
			JsonNode server = document.path("servers").path(0);
			url = server.path("url").isString() ? server.path("url").asString() : null;
			field = "document.servers[0].url";
			if (url != null) {
				for (Map.Entry<String, JsonNode> variable : server.path("variables").properties()) {
					url = url.replace("{" + variable.getKey() + "}", variable.getValue().path("default").asString(""));
				}
			}
		}
		if (url == null) {
			problems.add(new FieldProblem("baseUrl", "the document names no server (servers[0].url): give baseUrl"));
			return null;
		}
		try {
			URI uri = new URI(url);
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
				problems.add(new FieldProblem(field, "must be an absolute http or https URL"
						+ (given == null ? "; a relative server URL needs baseUrl" : "")));
				return null;
			}
			if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
				problems.add(new FieldProblem(field, "must not carry user information, a query or a fragment"));
				return null;
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			problems.add(new FieldProblem(field, "is not a valid URL"));
			return null;
		}
	}

	private @Nullable Operation operation(String set, String method, String path, JsonNode item, JsonNode operation,
			String operationId, SchemaInliner inliner, String at, List<FieldProblem> problems) {
		int before = problems.size();
		String toolName = set + "_" + snakeCase(operationId);
		if (toolName.length() > MAX_TOOL_NAME) {
			problems.add(new FieldProblem(at + ".operationId", "makes the tool name " + toolName.substring(0, 40)
					+ "..., longer than " + MAX_TOOL_NAME + " characters; shorten the set name or the operationId"));
		}
		ObjectNode schema = json.createObjectNode();
		schema.put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		List<String> required = new ArrayList<>();
		List<Input> inputs = new ArrayList<>();
		Map<String, JsonNode> parameters = new LinkedHashMap<>();
		collect(item.path("parameters"), at.substring(0, at.lastIndexOf('.')) + ".parameters", inliner, parameters, problems);
		collect(operation.path("parameters"), at + ".parameters", inliner, parameters, problems);
		for (Map.Entry<String, JsonNode> entry : parameters.entrySet()) {
			JsonNode parameter = entry.getValue();
			String name = parameter.path("name").asString("");
			String in = parameter.path("in").asString("");
			boolean mandatory = parameter.path("required").asBoolean(false) || in.equals("path");
			if (in.equals("cookie")) {
				if (mandatory) {
					problems.add(new FieldProblem(at + ".parameters." + name, "cookie parameters are not supported"));
				}
				continue;
			}
			String property = properties.has(name) || name.equals("body") ? in + "_" + name : name;
			JsonNode parameterSchema = parameter.has("schema")
					? inliner.inline(parameter.get("schema"), at + ".parameters." + name + ".schema", problems)
					: json.createObjectNode().put("type", "string");
			ObjectNode described = parameterSchema.isObject() ? ((ObjectNode) parameterSchema).deepCopy()
					: json.createObjectNode();
			if (parameter.path("description").isString() && !described.has("description")) {
				described.put("description", parameter.get("description").asString());
			}
			properties.set(property, described);
			if (mandatory) {
				required.add(property);
			}
			inputs.add(new Input(name, in, property));
		}
		boolean jsonBody = false;
		JsonNode body = operation.has("requestBody") ? inliner.resolve(operation.get("requestBody"), at + ".requestBody", problems)
				: null;
		if (body != null) {
			JsonNode media = jsonMedia(body.path("content"));
			boolean bodyRequired = body.path("required").asBoolean(false);
			if (media != null) {
				jsonBody = true;
				properties.set("body", media.has("schema")
						? inliner.inline(media.get("schema"), at + ".requestBody.content.schema", problems)
						: json.createObjectNode());
				if (bodyRequired) {
					required.add("body");
				}
			}
			else if (bodyRequired) {
				problems.add(new FieldProblem(at + ".requestBody", "only JSON request bodies (application/json) are supported"));
			}
		}
		if (!required.isEmpty()) {
			var list = schema.putArray("required");
			required.forEach(list::add);
		}
		if (problems.size() > before) {
			return null;
		}
		try {
			schemas.compile(schema);
		}
		catch (DefinitionInvalidException ex) {
			ex.errors().forEach(problem -> problems.add(new FieldProblem(at, "makes an argument schema that is not valid JSON "
					+ "Schema (" + problem.field() + ": " + problem.message() + ")")));
			return null;
		}
		return new Operation(operationId, toolName, method.toUpperCase(Locale.ROOT), path, description(operation, method, path),
				schema, List.copyOf(inputs), jsonBody);
	}

	/** Path-level parameters first, then the operation's, which replace one of the same name and place. */
	private static void collect(JsonNode given, String at, SchemaInliner inliner, Map<String, JsonNode> into,
			List<FieldProblem> problems) {
		if (given.isMissingNode()) {
			return;
		}
		if (!given.isArray()) {
			problems.add(new FieldProblem(at, "must be a list"));
			return;
		}
		for (int i = 0; i < given.size(); i++) {
			JsonNode parameter = inliner.resolve(given.get(i), at + "[" + i + "]", problems);
			String name = parameter.path("name").asString("");
			String in = parameter.path("in").asString("");
			if (name.isEmpty() || !List.of("path", "query", "header", "cookie").contains(in)) {
				problems.add(new FieldProblem(at + "[" + i + "]", "needs a name and 'in' (path, query, header or cookie)"));
				continue;
			}
			into.put(in + ":" + name, parameter);
		}
	}

	private static @Nullable JsonNode jsonMedia(JsonNode content) {
		for (Map.Entry<String, JsonNode> media : content.properties()) {
			String type = media.getKey().toLowerCase(Locale.ROOT);
			if (type.startsWith("application/json") || type.matches("application/[a-z0-9.+-]*\\+json.*")) {
				return media.getValue();
			}
		}
		return null;
	}

	private static String description(JsonNode operation, String method, String path) {
		String summary = operation.path("summary").asString("").strip();
		String description = operation.path("description").asString("").strip();
		String text = summary.isEmpty() ? description
				: description.isEmpty() || description.equals(summary) ? summary : summary + ". " + description;
		if (text.isEmpty()) {
			text = method.toUpperCase(Locale.ROOT) + " " + path;
		}
		return text.length() > 1000 ? text.substring(0, 1000) : text;
	}

	private static String operationId(JsonNode operation, String method, String path) {
		JsonNode id = operation.get("operationId");
		if (id != null && id.isString() && !id.asString().isBlank()) {
			return id.asString();
		}
		return method + path.replaceAll("[{}]", "").replace('/', '_');
	}

	/** {@code listPets} → {@code list_pets}, {@code get-pet.byId} → {@code get_pet_by_id}. */
	static String snakeCase(String operationId) {
		String snake = operationId.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
			.replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "_")
			.replaceAll("^_+|_+$", "");
		return snake.isEmpty() ? "operation" : snake;
	}
}
