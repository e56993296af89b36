package dev.rampart.sim.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: the built-in models and any model named by a rule.
 * Requests carrying {@code anthropic-version} get Anthropic's shapes (list and errors), others OpenAI's. The
 * API key is checked as for chat, so a client can validate a key by listing models.
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
