package dev.rampart.sim.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's {@code POST /v1/embeddings}: string or array input (token arrays are embedded by their text form),
 * {@code dimensions}, and {@code encoding_format} float or base64. Azure's
 * {@code /openai/deployments/{deployment}/embeddings} is the same with the deployment as the model.
 */
final class OpenAiEmbeddings implements EmbeddingDialect {

    static final OpenAiEmbeddings OPENAI = new OpenAiEmbeddings("embeddings", KeyHeaders.STANDARD);
    static final OpenAiEmbeddings AZURE = new OpenAiEmbeddings("azure.embeddings", KeyHeaders.AZURE);

    private final String endpoint;
    private final KeyHeaders keyHeaders;

    private OpenAiEmbeddings(String endpoint, KeyHeaders keyHeaders) {
        this.endpoint = endpoint;
        this.keyHeaders = keyHeaders;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public ErrorShape errors() {
        return OpenAiErrors.INSTANCE;
    }

    @Override
    public KeyHeaders keyHeaders() {
        return keyHeaders;
    }

    @Override
    public Call parse(JsonNode request, PathParams path, int defaultDimensions) {
        JsonNode body = AzureChat.withModel(request, path);
        String model = Json.text(body, "model");
        if (model == null || model.isBlank()) {
            throw ApiError.badRequest("you must provide a model parameter").toException();
        }
        int dimensions = EmbeddingsEndpoint.dimensions(body.path("dimensions"), defaultDimensions, "dimensions");
        List<Input> inputs = new ArrayList<>();
        for (String text : texts(body.path("input"))) {
            inputs.add(new Input(text, dimensions));
        }
        return new Call(model, inputs, "base64".equals(body.path("encoding_format").asString("float")));
    }

    @Override
    public byte[] response(Call call, List<float[]> vectors, int promptTokens) {
        ObjectNode root = Json.object();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            if (call.base64()) {
                item.put("embedding", toBase64(vectors.get(i)));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float value : vectors.get(i)) {
                    values.add(value);
                }
            }
        }
        root.put("model", call.model());
        root.putObject("usage").put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
        return Json.bytes(root);
    }

    @Override
    public byte[] malformed(Call call) {
        return "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"embedding\":[0.1,".getBytes(StandardCharsets.UTF_8);
    }

    /** OpenAI's base64 format: little-endian float32 values. */
    private static String toBase64(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            buffer.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    private static List<String> texts(JsonNode input) {
        if (input.isString()) {
            return List.of(input.stringValue());
        }
        if (!input.isArray() || input.isEmpty()) {
            throw ApiError.badRequest("'input' must be a string or a non-empty array.").toException();
        }
        if (input.get(0).isIntegralNumber()) {
            return List.of(Json.string(input));
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : input) {
            if (item.isString()) {
                texts.add(item.stringValue());
            } else if (item.isArray()) {
                texts.add(Json.string(item));
            } else {
                throw ApiError.badRequest("'input' items must be strings or token arrays.").toException();
            }
        }
        return texts;
    }
}
