package dev.rampart.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.schema.DefinitionInvalidException;
import dev.rampart.shared.schema.JsonSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/** An OpenAPI document, in JSON or YAML, becomes one tool per operation with a self-contained argument schema. */
class OpenApiDocumentsTest {

	private final JsonMapper json = JsonMapper.builder().build();
	private final OpenApiDocuments documents = new OpenApiDocuments(json, new JsonSchemas(json));

	private String resource(String name) {
		try (InputStream in = getClass().getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private OpenApiDocuments.Parsed petstore(String file) {
		return documents.parse("petstore", documents.read(StringNode.valueOf(resource(file))), null, null);
	}

	private static Map<String, OpenApiDocuments.Operation> byName(OpenApiDocuments.Parsed parsed) {
		return parsed.operations().stream().collect(Collectors.toMap(OpenApiDocuments.Operation::toolName, op -> op));
	}

	@ParameterizedTest
	@ValueSource(strings = { "petstore.yaml", "petstore.json" })
	void everyOperationBecomesAToolNamedAfterTheSetAndItsOperationId(String file) {
		OpenApiDocuments.Parsed parsed = petstore(file);

		assertThat(parsed.operations()).extracting(OpenApiDocuments.Operation::toolName)
			.containsExactly("petstore_list_pets", "petstore_create_pet", "petstore_show_pet_by_id", "petstore_delete_pet");
		assertThat(parsed.baseUrl()).hasToString("https://eu.petstore.example.com/v1");
		var list = byName(parsed).get("petstore_list_pets");
		assertThat(list.method()).isEqualTo("GET");
		assertThat(list.description()).isEqualTo("List all pets");
		assertThat(byName(parsed).get("petstore_show_pet_by_id").description()).isEqualTo("Info for a specific pet");
	}

	@Test
	void theJsonAndYamlFormsOfADocumentMakeTheSameTools() {
		OpenApiDocuments.Parsed fromYaml = petstore("petstore.yaml");
		OpenApiDocuments.Parsed fromJson = petstore("petstore.json");
		OpenApiDocuments.Parsed fromObject = documents.parse("petstore", json.readTree(resource("petstore.json")), null, null);

		assertThat(fromJson.operations()).isEqualTo(fromYaml.operations());
		assertThat(fromObject.operations()).isEqualTo(fromYaml.operations());
	}

	@Test
	void parametersAreMergedFromThePathTheOperationAndComponentReferences() {
		var operations = byName(petstore("petstore.yaml"));

		JsonNode list = operations.get("petstore_list_pets").parameters();
		assertThat(list.get("type").asString()).isEqualTo("object");
		JsonNode limit = list.get("properties").get("limit");
		assertThat(limit.get("type").asString()).isEqualTo("integer");
		assertThat(limit.get("description").asString()).startsWith("How many items");
		assertThat(limit.has("format")).as("OpenAPI-only formats are dropped").isFalse();
		assertThat(limit.get("exclusiveMinimum").asInt()).as("3.0 boolean bound rewritten").isZero();
		assertThat(limit.has("minimum")).isFalse();
		assertThat(list.get("properties").get("tag").get("items").get("type").asString()).isEqualTo("string");
		assertThat(list.has("required")).isFalse();
		assertThat(operations.get("petstore_list_pets").inputs())
			.containsExactly(new OpenApiDocuments.Input("limit", "query", "limit"), new OpenApiDocuments.Input("tag", "query", "tag"));

		JsonNode show = operations.get("petstore_show_pet_by_id").parameters();
		assertThat(show.get("required").get(0).asString()).isEqualTo("petId");
		assertThat(show.get("properties").get("petId").get("description").asString()).isEqualTo("The id of the pet to retrieve");
		assertThat(show.get("properties").get("X-Request-Id").get("format").asString()).isEqualTo("uuid");
		assertThat(operations.get("petstore_delete_pet").parameters().get("required").get(0).asString()).isEqualTo("petId");
	}

	@Test
	void aJsonRequestBodyIsTheBodyArgumentWithItsReferencesResolvedAndCyclesCut() {
		var create = byName(petstore("petstore.yaml")).get("petstore_create_pet");

		assertThat(create.jsonBody()).isTrue();
		JsonNode schema = create.parameters();
		assertThat(schema.get("required").get(0).asString()).isEqualTo("body");
		JsonNode body = schema.get("properties").get("body");
		assertThat(body.get("required").get(0).asString()).isEqualTo("name");
		assertThat(body.get("properties").get("tag").get("type").toString()).isEqualTo("[\"string\",\"null\"]");
		JsonNode owner = body.get("properties").get("owner");
		assertThat(owner.get("properties").get("name").get("type").asString()).isEqualTo("string");
		JsonNode recursive = owner.get("properties").get("pets").get("items");
		assertThat(recursive.get("description").asString()).contains("recursive").contains("#/components/schemas/NewPet");
		assertThat(schema.toString()).doesNotContain("$ref");
	}

	@Test
	void onlyTheNamedOperationsAreExposed() {
		JsonNode document = json.readTree(resource("petstore.json"));

		var parsed = documents.parse("pets", document, "http://127.0.0.1:8080/api/", List.of("showPetById", "delete-pet"));

		assertThat(parsed.operations()).extracting(OpenApiDocuments.Operation::toolName)
			.containsExactly("pets_show_pet_by_id", "pets_delete_pet");
		assertThat(parsed.baseUrl()).hasToString("http://127.0.0.1:8080/api/");
	}

	@Test
	void everyProblemOfADocumentIsNamedByItsPath() {
		String broken = """
				{"openapi": "2.0",
				 "servers": [{"url": "/relative"}],
				 "paths": {
				   "pets": {"get": {"operationId": "x"}},
				   "/a": {"get": {"operationId": "a", "parameters": [{"$ref": "#/components/parameters/Missing"}]}},
				   "/b": {"post": {"operationId": "b", "requestBody": {"required": true,
				       "content": {"application/xml": {"schema": {"type": "string"}}}}}},
				   "/c": {"get": {"operationId": "c", "parameters": [{"name": "q", "in": "query",
				       "schema": {"$ref": "https://evil.example.com/schema.json"}}]}}
				 }}""";

		assertThatThrownBy(() -> documents.parse("s", json.readTree(broken), null, List.of("a", "nope")))
			.isInstanceOfSatisfying(DefinitionInvalidException.class, ex -> assertThat(fields(ex.errors())).contains(
					"document.openapi", "document.servers[0].url", "document.paths.pets",
					"document.paths./a.get.parameters[0].$ref", "operations[1]"));
		assertThatThrownBy(() -> documents.parse("s", json.readTree(broken), "https://api.example.com", null))
			.isInstanceOfSatisfying(DefinitionInvalidException.class, ex -> assertThat(fields(ex.errors())).contains(
					"document.paths./b.post.requestBody", "document.paths./c.get.parameters.q.schema.$ref"));
	}

	@Test
	void textThatIsNeitherJsonNorYamlIsRefusedWithItsPosition() {
		assertThatThrownBy(() -> documents.read(StringNode.valueOf("openapi: 3.1.0\npaths: [unclosed")))
			.isInstanceOfSatisfying(DefinitionInvalidException.class,
					ex -> assertThat(ex.errors().getFirst().message()).contains("line"));
		assertThatThrownBy(() -> documents.read(json.readTree("[1, 2]")))
			.isInstanceOf(DefinitionInvalidException.class);
	}

	@Test
	void aToolNameLongerThanSixtyFourCharactersIsRefused() {
		String document = """
				{"openapi": "3.1.0", "servers": [{"url": "https://api.example.com"}],
				 "paths": {"/x": {"get": {"operationId": "%s"}}}}""".formatted("a".repeat(70));

		assertThatThrownBy(() -> documents.parse("s", json.readTree(document), null, null))
			.isInstanceOfSatisfying(DefinitionInvalidException.class,
					ex -> assertThat(fields(ex.errors())).containsExactly("document.paths./x.get.operationId"));
	}

	@ParameterizedTest
	@CsvSource({ "listPets, list_pets", "showPetById, show_pet_by_id", "get-pet.byId, get_pet_by_id",
			"HTTPStatus, http_status", "v2GetUsers, v2_get_users", "__x__, x" })
	void operationIdsBecomeSnakeCase(String operationId, String expected) {
		assertThat(OpenApiDocuments.snakeCase(operationId)).isEqualTo(expected);
	}

	private static List<String> fields(List<FieldProblem> problems) {
		return problems.stream().map(FieldProblem::field).toList();
	}
}
