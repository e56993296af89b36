package dev.rampart.sim.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Gemini API's {@code models/{model}:embedContent} ({@code content.parts[].text}, answer
 * {@code embedding.values}) and {@code :batchEmbedContents} ({@code requests[]} of the same, answer
 * {@code embeddings[].values}). {@code outputDimensionality} sets each vector's size; the model is the path's.
 */
final class GeminiEmbeddings implements EmbeddingDialect {

    static final GeminiEmbeddings SINGLE = new GeminiEmbeddings(false);
    static final GeminiEmbeddings BATCH = new GeminiEmbeddings(true);

    private final boolean batch;

    private GeminiEmbeddings(boolean batch) {
        this.batch = batch;
    }

    @Override
    public String endpoint() {
        return batch ? "gemini.batchEmbedContents" : "gemini.embedContent";
    }

    @Override
    public ErrorShape errors() {
        return GeminiErrors.INSTANCE;
    }

    @Override
    public KeyHeaders keyHeaders() {
        return KeyHeaders.GOOGLE;
    }

    @Override
    public Call parse(JsonNode body, PathParams path, int defaultDimensions) {
        String model = path.model();
        if (model == null || model.isBlank()) {
            throw ApiError.badRequest("A model name is required in the path.").toException();
        }
        List<Input> inputs = new ArrayList<>();
        if (batch) {
            JsonNode requests = body.path("requests");
            if (!requests.isArray() || requests.isEmpty()) {
                throw ApiError.badRequest("* BatchEmbedContentsRequest.requests: requests is not specified").toException();
            }
            for (JsonNode request : requests) {
                inputs.add(input(request, defaultDimensions));
            }
        } else {
            inputs.add(input(body, defaultDimensions));
        }
        return new Call(model, inputs, false);
    }

    private static Input input(JsonNode request, int defaultDimensions) {
        JsonNode parts = request.path("content").path("parts");
        if (!parts.isArray() || parts.isEmpty()) {
            throw ApiError.badRequest("* EmbedContentRequest.content: contents is not specified").toException();
        }
        return new Input(GeminiRequests.text(parts),
                EmbeddingsEndpoint.dimensions(request.path("outputDimensionality"), defaultDimensions,
                        "outputDimensionality"));
    }

    @Override
    public byte[] response(Call call, List<float[]> vectors, int promptTokens) {
        ObjectNode root = Json.object();
        if (batch) {
            ArrayNode embeddings = root.putArray("embeddings");
            for (float[] vector : vectors) {
                values(embeddings.addObject(), vector);
            }
        } else {
            values(root.putObject("embedding"), vectors.getFirst());
        }
        return Json.bytes(root);
    }

    private static void values(ObjectNode embedding, float[] vector) {
        ArrayNode values = embedding.putArray("values");
        for (float value : vector) {
            values.add(value);
        }
    }

    @Override
    public byte[] malformed(Call call) {
        return (batch ? "{\"embeddings\":[{\"values\":[0.1," : "{\"embedding\":{\"values\":[0.1,")
                .getBytes(StandardCharsets.UTF_8);
    }
}
