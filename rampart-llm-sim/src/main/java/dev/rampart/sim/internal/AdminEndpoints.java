package dev.rampart.sim.internal;

import java.io.IOException;
import tools.jackson.databind.JsonNode;

/**
 * {@code /sim/admin/*}: read and change fault rates, latency and rules at runtime, read stats, reset.
 * Every change answers with the new value. Not protected by the API key: the simulator is a test tool
 * bound to loopback by default.
 */
final class AdminEndpoints {

    static final String PREFIX = "/sim/admin/";

    private final SimState state;

    AdminEndpoints(SimState state) {
        this.state = state;
    }

    void handle(Exchange exchange) throws IOException {
        String resource = exchange.path().substring(PREFIX.length());
        String method = exchange.method();
        try {
            switch (resource) {
                case "faults" -> faults(exchange, method);
                case "latency" -> latency(exchange, method);
                case "rules" -> rules(exchange, method);
                case "stats" -> {
                    requireMethod(method, "GET");
                    exchange.sendJson(200, Json.MAPPER.writeValueAsBytes(state.stats()));
                }
                case "reset" -> {
                    requireMethod(method, "POST");
                    state.reset();
                    exchange.sendJson(200, "{\"status\":\"reset\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                default -> throw new ApiError(ApiError.Kind.NOT_FOUND,
                        "Unknown admin resource '" + resource + "'; use faults, latency, rules, stats or reset.")
                        .toException();
            }
        } catch (IllegalArgumentException e) {
            // Our own validation messages, written for the caller.
            throw ApiError.badRequest(e.getMessage() == null ? "invalid value" : e.getMessage()).toException();
        }
    }

    private void faults(Exchange exchange, String method) throws IOException {
        if (method.equals("PUT")) {
            state.setFaultRates(AdminJson.faultRates(body(exchange)));
        } else {
            requireMethod(method, "GET");
        }
        exchange.sendJson(200, Json.bytes(AdminJson.faultRates(state.faultRates())));
    }

    private void latency(Exchange exchange, String method) throws IOException {
        if (method.equals("PUT")) {
            state.setLatency(AdminJson.latency(body(exchange)));
        } else {
            requireMethod(method, "GET");
        }
        exchange.sendJson(200, Json.bytes(AdminJson.latency(state.latency())));
    }

    /** GET lists, PUT replaces, POST appends, DELETE clears. */
    private void rules(Exchange exchange, String method) throws IOException {
        switch (method) {
            case "PUT" -> state.setRules(RuleJson.rules(body(exchange)));
            case "POST" -> {
                JsonNode body = body(exchange);
                if (body.isObject() && !body.has("rules")) {
                    state.addRule(RuleJson.rule(body, state.rules().size()));
                } else {
                    RuleJson.rules(body).forEach(state::addRule);
                }
            }
            case "DELETE" -> state.clearRules();
            default -> requireMethod(method, "GET");
        }
        exchange.sendJson(200, Json.bytes(RuleJson.rules(state.rules())));
    }

    private JsonNode body(Exchange exchange) throws IOException {
        byte[] body = exchange.readBody(state.options().maxBodyBytes());
        try {
            return Json.MAPPER.readTree(body);
        } catch (tools.jackson.core.JacksonException e) {
            throw ApiError.badRequest("The request body is not valid JSON.").toException();
        }
    }

    private static void requireMethod(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new ApiError(ApiError.Kind.METHOD_NOT_ALLOWED, "Use " + expected + " here.").toException();
        }
    }
}
