package dev.rampart.sim.internal;

import dev.rampart.sim.DelayRange;
import dev.rampart.sim.Fault;
import dev.rampart.sim.FaultRates;
import dev.rampart.sim.LatencyModel;
import java.util.EnumMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin wire format of fault rates and latency models (rules are in {@link RuleJson}). Parsing errors
 * are {@link IllegalArgumentException}s whose messages are safe to show to the caller.
 */
final class AdminJson {

    private AdminJson() {
    }

    /** Every fault kind with its rate, zeros included, so the admin sees what can be set. */
    static ObjectNode faultRates(FaultRates rates) {
        ObjectNode node = Json.object();
        for (Fault fault : Fault.values()) {
            node.put(fault.wireName(), rates.rate(fault));
        }
        return node;
    }

    /** Reads {@code {"429": 0.1, "reset": 0.05}}; kinds left out get rate 0. */
    static FaultRates faultRates(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("fault rates must be a JSON object like {\"429\": 0.1}");
        }
        Map<Fault, Double> rates = new EnumMap<>(Fault.class);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            Fault fault = Fault.fromWireName(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown fault '" + entry.getKey() + "'; use 429, 500, 503, reset, stall, truncate or malformed"));
            if (!entry.getValue().isNumber()) {
                throw new IllegalArgumentException("rate of " + entry.getKey() + " must be a number");
            }
            rates.put(fault, entry.getValue().asDouble());
        }
        return new FaultRates(rates);
    }

    static ObjectNode latency(LatencyModel latency) {
        ObjectNode node = Json.object();
        node.set("ttftMs", delay(latency.ttft()));
        node.set("interTokenMs", delay(latency.interToken()));
        node.put("tokensPerReply", latency.tokensPerReply());
        return node;
    }

    /** Reads a latency model; fields left out are zero. */
    static LatencyModel latency(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("latency must be a JSON object like {\"ttftMs\": 100, \"interTokenMs\": [5, 20]}");
        }
        for (String field : node.propertyNames()) {
            if (!field.equals("ttftMs") && !field.equals("interTokenMs") && !field.equals("tokensPerReply")) {
                throw new IllegalArgumentException("unknown latency field '" + field + "'");
            }
        }
        JsonNode tokens = node.path("tokensPerReply");
        if (!tokens.isMissingNode() && !tokens.isIntegralNumber()) {
            throw new IllegalArgumentException("tokensPerReply must be a whole number");
        }
        return new LatencyModel(delay(node.path("ttftMs"), "ttftMs"), delay(node.path("interTokenMs"), "interTokenMs"),
                tokens.asInt(0));
    }

    private static ObjectNode delay(DelayRange range) {
        return Json.object().put("min", range.minMs()).put("max", range.maxMs());
    }

    /** A delay is {@code 25}, {@code "10-50"}, {@code [10, 50]} or {@code {"min": 10, "max": 50}}. */
    private static DelayRange delay(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return DelayRange.ZERO;
        }
        if (node.isIntegralNumber()) {
            return DelayRange.fixed(node.asLong());
        }
        if (node.isString()) {
            return DelayRange.parse(node.stringValue());
        }
        if (node.isArray() && node.size() == 2 && node.get(0).isIntegralNumber() && node.get(1).isIntegralNumber()) {
            return DelayRange.between(node.get(0).asLong(), node.get(1).asLong());
        }
        if (node.isObject() && node.path("min").isIntegralNumber()) {
            long min = node.path("min").asLong();
            return DelayRange.between(min, node.path("max").asLong(min));
        }
        throw new IllegalArgumentException(field + " must be 25, \"10-50\", [10, 50] or {\"min\": 10, \"max\": 50}");
    }
}
