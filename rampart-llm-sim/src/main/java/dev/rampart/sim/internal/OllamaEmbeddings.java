package dev.rampart.sim.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ollama's {@code POST /api/embed}: {@code input} a string or an array of strings, optional
 * {@code dimensions}; the answer is {@code embeddings} (one array per input) and {@code prompt_eval_count}.
 */
final class OllamaEmbeddings implements EmbeddingDialect {

    static final OllamaEmbeddings INSTANCE = new OllamaEmbeddings();

    private OllamaEmbeddings() {
    }

    @Override
    public String endpoint() {
        return "ollama.embed";
    }

    @Override
    public ErrorShape errors() {
        return OllamaErrors.INSTANCE;
    }

    @Override
    public Call parse(JsonNode body, PathParams path, int defaultDimensions) {
        String model = Json.text(body, "model");
        if (model == null || model.isBlank()) {
            throw ApiError.badRequest("model is required").toException();
        }
        int dimensions = EmbeddingsEndpoint.dimensions(body.path("dimensions"), defaultDimensions, "dimensions");
        JsonNode input = body.path("input");
        List<Input> inputs = new ArrayList<>();
        if (input.isString()) {
            inputs.add(new Input(input.stringValue(), dimensions));
        } else if (input.isArray() && !input.isEmpty()) {
            for (JsonNode item : input) {
                if (!item.isString()) {
                    throw ApiError.badRequest("invalid input type: every input must be a string").toException();
                }
                inputs.add(new Input(item.stringValue(), dimensions));
            }
        } else {
            throw ApiError.badRequest("input must be a string or a non-empty array of strings").toException();
        }
        return new Call(OllamaRequests.modelName(model), inputs, false);
    }

    @Override
    public byte[] response(Call call, List<float[]> vectors, int promptTokens) {
        ObjectNode root = Json.object();
        root.put("model", call.model());
        ArrayNode embeddings = root.putArray("embeddings");
        for (float[] vector : vectors) {
            ArrayNode values = embeddings.addArray();
            for (float value : vector) {
                values.add(value);
            }
        }
        root.put("total_duration", 0);
        root.put("load_duration", 0);
        root.put("prompt_eval_count", promptTokens);
        return Json.bytes(root);
    }

    @Override
    public byte[] malformed(Call call) {
        return "{\"model\":\"sim-embed\",\"embeddings\":[[0.1,".getBytes(StandardCharsets.UTF_8);
    }
}
