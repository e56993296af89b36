package dev.rampart.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SchemaSamplerTest {

    private static JsonNode sample(String schema) {
        return SchemaSampler.sample(Json.MAPPER.readTree(schema));
    }

    @Test
    void fillsOnlyRequiredPropertiesWithValuesOfTheirType() {
        JsonNode args = sample("""
                {"type":"object","properties":{
                  "city":{"type":"string"},"days":{"type":"integer","minimum":3},"metric":{"type":"boolean"},
                  "ratio":{"type":"number"},"tags":{"type":"array","items":{"type":"string"}},
                  "optional":{"type":"string"}},
                 "required":["city","days","metric","ratio","tags"]}""");

        assertThat(args.path("city").asString()).isEqualTo("Paris");
        assertThat(args.path("days").asInt()).isEqualTo(3);
        assertThat(args.path("metric").asBoolean()).isTrue();
        assertThat(args.path("ratio").isNumber()).isTrue();
        assertThat(args.path("tags").isArray()).isTrue();
        assertThat(args.path("tags").get(0).isString()).isTrue();
        assertThat(args.has("optional")).isFalse();
    }

    @Test
    void prefersEnumConstAndDefaultOverMadeUpValues() {
        JsonNode args = sample("""
                {"type":"object","properties":{
                  "unit":{"type":"string","enum":["kelvin","celsius"]},
                  "mode":{"const":"fast"},"limit":{"type":"integer","default":25}},
                 "required":["unit","mode","limit"]}""");

        assertThat(args.path("unit").asString()).isEqualTo("kelvin");
        assertThat(args.path("mode").asString()).isEqualTo("fast");
        assertThat(args.path("limit").asInt()).isEqualTo(25);
    }

    @Test
    void followsLocalReferencesAndFillsAllPropertiesWhenNoneAreRequired() {
        JsonNode args = sample("""
                {"type":"object","properties":{"person":{"$ref":"#/$defs/person"}},
                 "$defs":{"person":{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}}}}}""");

        assertThat(args.path("person").path("name").asString()).isEqualTo("Alice");
        assertThat(args.path("person").path("age").asInt()).isEqualTo(1);
    }

    @Test
    void aMissingSchemaGivesEmptyArguments() {
        assertThat(SchemaSampler.sample(Json.MAPPER.missingNode()).isEmpty()).isTrue();
    }

    @Test
    void recursiveSchemasStopAtAFixedDepth() {
        JsonNode args = sample("""
                {"type":"object","properties":{"node":{"$ref":"#"}},"required":["node"]}""");

        assertThat(args.toString()).contains("null");
    }
}
