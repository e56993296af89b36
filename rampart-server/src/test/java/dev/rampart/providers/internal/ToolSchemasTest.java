package dev.rampart.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tool's JSON Schema becomes LangChain4j's schema elements, which each adapter writes in its own dialect. */
class ToolSchemasTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	@Test
	void anObjectSchemaKeepsItsPropertiesTypesDescriptionsAndRequiredList() {
		JsonObjectSchema schema = ToolSchemas.parameters(json("""
				{"type": "object", "description": "a forecast query",
				 "properties": {
				   "city": {"type": "string", "description": "the city"},
				   "days": {"type": "integer"},
				   "threshold": {"type": "number"},
				   "metric": {"type": "boolean"},
				   "unit": {"type": "string", "enum": ["celsius", "fahrenheit"], "description": "the unit"},
				   "tags": {"type": "array", "items": {"type": "string"}},
				   "where": {"type": "object", "properties": {"lat": {"type": "number"}}, "required": ["lat"],
				             "additionalProperties": false}
				 },
				 "required": ["city", "unit"]}
				"""));

		assertThat(schema.description()).isEqualTo("a forecast query");
		assertThat(schema.required()).containsExactly("city", "unit");
		assertThat(schema.properties()).containsOnlyKeys("city", "days", "threshold", "metric", "unit", "tags", "where");
		assertThat(schema.properties().get("city")).isEqualTo(JsonStringSchema.builder().description("the city").build());
		assertThat(schema.properties().get("days")).isInstanceOf(JsonIntegerSchema.class);
		assertThat(schema.properties().get("threshold")).isInstanceOf(JsonNumberSchema.class);
		assertThat(schema.properties().get("metric")).isInstanceOf(JsonBooleanSchema.class);
		assertThat(schema.properties().get("unit")).isEqualTo(
				JsonEnumSchema.builder().enumValues("celsius", "fahrenheit").description("the unit").build());
		assertThat(((JsonArraySchema) schema.properties().get("tags")).items()).isInstanceOf(JsonStringSchema.class);
		JsonObjectSchema where = (JsonObjectSchema) schema.properties().get("where");
		assertThat(where.properties().get("lat")).isInstanceOf(JsonNumberSchema.class);
		assertThat(where.required()).containsExactly("lat");
		assertThat(where.additionalProperties()).isFalse();
	}

	@Test
	void propertyOrderIsKept() {
		JsonObjectSchema schema = ToolSchemas.parameters(json("""
				{"type": "object", "properties": {"zeta": {"type": "string"}, "alpha": {"type": "string"}}}
				"""));

		assertThat(schema.properties().keySet()).containsExactly("zeta", "alpha");
	}

	@Test
	void aNullableTypeListIsItsOtherTypeAndSeveralTypesAreAnyOf() {
		JsonSchemaElement nullable = ToolSchemas.element(json("{\"type\": [\"integer\", \"null\"]}"), 0);
		JsonSchemaElement either = ToolSchemas.element(json("{\"type\": [\"string\", \"number\"]}"), 0);

		assertThat(nullable).isInstanceOf(JsonIntegerSchema.class);
		assertThat(((JsonAnyOfSchema) either).anyOf()).hasExactlyElementsOfTypes(JsonStringSchema.class,
				JsonNumberSchema.class);
	}

	@Test
	void anyOfOneOfAndConstAreCarried() {
		JsonSchemaElement anyOf = ToolSchemas.element(json("""
				{"anyOf": [{"type": "string"}, {"type": "boolean"}], "description": "either"}"""), 0);
		JsonSchemaElement oneOf = ToolSchemas.element(json("{\"oneOf\": [{\"type\": \"integer\"}]}"), 0);
		JsonSchemaElement constant = ToolSchemas.element(json("{\"const\": \"only\"}"), 0);

		assertThat(((JsonAnyOfSchema) anyOf).anyOf()).hasExactlyElementsOfTypes(JsonStringSchema.class,
				JsonBooleanSchema.class);
		assertThat(anyOf.description()).isEqualTo("either");
		assertThat(((JsonAnyOfSchema) oneOf).anyOf()).hasExactlyElementsOfTypes(JsonIntegerSchema.class);
		assertThat(((JsonEnumSchema) constant).enumValues()).containsExactly("only");
	}

	@Test
	void untypedSchemasArePropertiesObjectsItemsArraysAndOtherwiseStrings() {
		assertThat(ToolSchemas.element(json("{\"properties\": {\"a\": {\"type\": \"string\"}}}"), 0))
			.isInstanceOf(JsonObjectSchema.class);
		assertThat(ToolSchemas.element(json("{\"items\": {\"type\": \"integer\"}}"), 0)).isInstanceOf(JsonArraySchema.class);
		assertThat(ToolSchemas.element(json("{\"$ref\": \"#/$defs/x\", \"description\": \"ref\"}"), 0))
			.isEqualTo(JsonStringSchema.builder().description("ref").build());
		assertThat(ToolSchemas.element(json("true"), 0)).isInstanceOf(JsonStringSchema.class);
		assertThat(ToolSchemas.element(json("{\"type\": \"array\"}"), 0))
			.isEqualTo(JsonArraySchema.builder().items(JsonStringSchema.builder().build()).build());
	}

	@Test
	void aNonStringEnumKeepsItsTypeAndDropsTheValues() {
		assertThat(ToolSchemas.element(json("{\"type\": \"integer\", \"enum\": [1, 2]}"), 0))
			.isInstanceOf(JsonIntegerSchema.class);
	}

	@Test
	void nestingPastTheLimitBecomesAString() {
		String deep = "{\"type\": \"string\"}";
		for (int i = 0; i <= ToolSchemas.MAX_DEPTH + 1; i++) {
			deep = "{\"type\": \"array\", \"items\": " + deep + "}";
		}
		JsonSchemaElement element = ToolSchemas.element(json(deep), 0);
		int depth = 0;
		while (element instanceof JsonArraySchema array) {
			element = array.items();
			depth++;
		}

		assertThat(depth).isEqualTo(ToolSchemas.MAX_DEPTH + 1);
		assertThat(element).isInstanceOf(JsonStringSchema.class);
	}

	@Test
	void parametersMustBeAnObjectSchema() {
		assertThatIllegalArgumentException().isThrownBy(() -> ToolSchemas.parameters(json("{\"type\": \"string\"}")));
		assertThatIllegalArgumentException().isThrownBy(() -> ToolSchemas.parameters(json("[]")));
	}
}
