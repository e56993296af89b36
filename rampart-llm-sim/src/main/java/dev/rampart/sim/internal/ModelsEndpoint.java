package dev.rampart.sim.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The model lists: {@code GET /v1/models} and {@code GET /v1/models/{id}} (Anthropic's shapes when the request
 * carries {@code anthropic-version}, otherwise OpenAI's), Ollama's {@code GET /api/tags}, and the Gemini API's
 * {@code GET /v1beta/models} and {@code GET /v1beta/models/{model}}. Each lists the built-in models and any
 * model named by a rule. The API key is checked as for chat, so a client can validate a key by listing models.
 */
final class ModelsEndpoint {

    private final SimState state;

    ModelsEndpoint(SimState state) {
        this.state = state;
    }

    /** The error shape of a models request, also for errors raised before the endpoint runs. */
    static ErrorShape errors(Exchange exchange) {
        return isAnthropic(exchange) ? AnthropicErrors.INSTANCE : OpenAiErrors.INSTANCE;
    }

    void list(Exchange exchange) {
        state.apiKeys().check(exchange, errors(exchange));
        state.counters().request("models");
        boolean anthropic = isAnthropic(exchange);
        ObjectNode root = Json.object();
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (String model : models()) {
            data.add(anthropic ? anthropicModel(model) : openAiModel(model));
        }
        if (anthropic) {
            root.set("data", data);
            root.put("has_more", false);
            root.put("first_id", data.get(0).path("id").asString());
            root.put("last_id", data.get(data.size() - 1).path("id").asString());
        } else {
            root.put("object", "list");
            root.set("data", data);
        }
        exchange.sendJson(200, Json.bytes(root));
    }

    void one(Exchange exchange, String model) {
        state.apiKeys().check(exchange, errors(exchange));
        state.counters().request("models");
        if (!models().contains(model)) {
            exchange.sendError(new ApiError(ApiError.Kind.MODEL_NOT_FOUND,
                    "The model '" + model + "' does not exist."), errors(exchange));
            return;
        }
        exchange.sendJson(200, Json.bytes(isAnthropic(exchange) ? anthropicModel(model) : openAiModel(model)));
    }

    /** Ollama's {@code GET /api/tags}: every model under its {@code name:tag} name, as Ollama lists them. */
    void ollamaTags(Exchange exchange) {
        state.apiKeys().check(exchange, OllamaErrors.INSTANCE);
        state.counters().request("models");
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("models");
        for (String model : models()) {
            String name = model.contains(":") ? model : model + ":latest";
            ObjectNode entry = list.addObject();
            entry.put("name", name);
            entry.put("model", name);
            entry.put("modified_at", "2025-01-01T00:00:00Z");
            entry.put("size", 0);
            entry.put("digest", sha256(name));
            ObjectNode details = entry.putObject("details");
            details.put("parent_model", "");
            details.put("format", "gguf");
            details.put("family", "sim");
            details.putArray("families").add("sim");
            details.put("parameter_size", "0B");
            details.put("quantization_level", "none");
        }
        exchange.sendJson(200, Json.bytes(root));
    }

    /** The Gemini API's {@code GET /v1beta/models}, in one page. */
    void geminiList(Exchange exchange) {
        state.apiKeys().check(exchange, GeminiErrors.INSTANCE, KeyHeaders.GOOGLE);
        state.counters().request("models");
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("models");
        for (String model : models()) {
            list.add(geminiModel(model));
        }
        exchange.sendJson(200, Json.bytes(root));
    }

    /** The Gemini API's {@code GET /v1beta/models/{model}}. */
    void geminiOne(Exchange exchange, String model) {
        state.apiKeys().check(exchange, GeminiErrors.INSTANCE, KeyHeaders.GOOGLE);
        state.counters().request("models");
        if (!models().contains(model)) {
            exchange.sendError(new ApiError(ApiError.Kind.MODEL_NOT_FOUND,
                    "models/" + model + " is not found for API version v1beta."), GeminiErrors.INSTANCE);
            return;
        }
        exchange.sendJson(200, Json.bytes(geminiModel(model)));
    }

    private static ObjectNode geminiModel(String model) {
        ObjectNode entry = Json.object();
        entry.put("name", "models/" + model);
        entry.put("version", "001");
        entry.put("displayName", model);
        entry.put("description", "Rampart LLM simulator model " + model);
        entry.put("inputTokenLimit", 1_048_576);
        entry.put("outputTokenLimit", 65_536);
        ArrayNode methods = entry.putArray("supportedGenerationMethods");
        if (BuiltInModels.EMBED.equals(model)) {
            methods.add("embedContent").add("batchEmbedContents");
        } else {
            methods.add("generateContent").add("countTokens");
        }
        return entry;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static boolean isAnthropic(Exchange exchange) {
        return exchange.header("anthropic-version") != null;
    }

    private Set<String> models() {
        Set<String> models = new LinkedHashSet<>(BuiltInModels.ALL);
        models.addAll(state.ruleBook().models());
        return models;
    }

    private static ObjectNode openAiModel(String model) {
        return Json.object().put("id", model).put("object", "model").put("created", 0).put("owned_by", "rampart-llm-sim");
    }

    private static ObjectNode anthropicModel(String model) {
        return Json.object().put("type", "model").put("id", model).put("display_name", model)
                .put("created_at", "2025-01-01T00:00:00Z");
    }
}
