package dev.rampart.sim.internal;

import dev.rampart.sim.Fault;
import dev.rampart.sim.SimulatorOptions;
import java.io.IOException;
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
 * OpenAI's {@code POST /v1/embeddings} for the model {@code sim-embed}: string or array input (token arrays
 * are embedded by their text form), {@code dimensions}, and {@code encoding_format} float or base64.
 * Header faults and fault rates apply; rules do not.
 */
final class EmbeddingsEndpoint {

    private final SimState state;
    private final InjectedFaults faults;

    EmbeddingsEndpoint(SimState state, InjectedFaults faults) {
        this.state = state;
        this.faults = faults;
    }

    void handle(Exchange exchange) throws IOException, InterruptedException {
        SimulatorOptions options = state.options();
        state.apiKeys().check(exchange, OpenAiErrors.INSTANCE);
        JsonNode body = ChatEndpoint.readJson(exchange, options.maxBodyBytes());
        String model = Json.text(body, "model");
        if (model == null || model.isBlank()) {
            throw ApiError.badRequest("you must provide a model parameter").toException();
        }
        List<String> inputs = inputs(body.path("input"));
        int dimensions = dimensions(body, options.embeddingDimensions());
        boolean base64 = "base64".equals(body.path("encoding_format").asString("float"));
        RequestScope scope = state.nextRequest();
        state.counters().request("embeddings");
        state.counters().model(model);
        Fault fault = FaultPicker.pick(exchange.header(FaultPicker.FAULT_HEADER), null, state.faultRates(), scope.random());
        if (fault != null) {
            state.counters().fault(fault);
            if (faults.replaceReply(exchange, fault, OpenAiErrors.INSTANCE)) {
                return;
            }
        }
        if (!BuiltInModels.EMBED.equals(model)) {
            throw new ApiError(ApiError.Kind.MODEL_NOT_FOUND, "The model '" + model
                    + "' does not exist. The simulated embedding model is " + BuiltInModels.EMBED + ".").toException();
        }
        Pacing.sleep(Pacing.of(exchange, state.latency(), scope.random()).firstTokenDelay());
        byte[] response = response(model, inputs, dimensions, base64);
        if (fault == Fault.TRUNCATE) {
            exchange.sendCutShort(response);
        } else if (fault == Fault.MALFORMED) {
            exchange.sendJson(200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"embedding\":[0.1,"
                    .getBytes(StandardCharsets.UTF_8));
        } else {
            exchange.sendJson(200, response);
        }
    }

    private static byte[] response(String model, List<String> inputs, int dimensions, boolean base64) {
        ObjectNode root = Json.object();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = HashEmbedder.embed(inputs.get(i), dimensions);
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            if (base64) {
                item.put("embedding", toBase64(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float value : vector) {
                    values.add(value);
                }
            }
            tokens += WordTokenizer.count(inputs.get(i));
        }
        root.put("model", model);
        root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return Json.bytes(root);
    }

    /** OpenAI's base64 format: little-endian float32 values. */
    private static String toBase64(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            buffer.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    private static List<String> inputs(JsonNode input) {
        if (input.isString()) {
            return List.of(input.stringValue());
        }
        if (!input.isArray() || input.isEmpty()) {
            throw ApiError.badRequest("'input' must be a string or a non-empty array.").toException();
        }
        if (input.get(0).isIntegralNumber()) {
            return List.of(Json.string(input));
        }
        List<String> inputs = new ArrayList<>();
        for (JsonNode item : input) {
            if (item.isString()) {
                inputs.add(item.stringValue());
            } else if (item.isArray()) {
                inputs.add(Json.string(item));
            } else {
                throw ApiError.badRequest("'input' items must be strings or token arrays.").toException();
            }
        }
        return inputs;
    }

    private static int dimensions(JsonNode body, int defaultDimensions) {
        JsonNode value = body.get("dimensions");
        if (value == null || value.isNull()) {
            return defaultDimensions;
        }
        if (!value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > SimulatorOptions.MAX_EMBEDDING_DIMENSIONS) {
            throw ApiError.badRequest("'dimensions' must be a whole number within 1.."
                    + SimulatorOptions.MAX_EMBEDDING_DIMENSIONS + ".").toException();
        }
        return value.asInt();
    }
}
