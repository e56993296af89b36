package dev.rampart.sim.internal;

import dev.rampart.sim.Fault;
import dev.rampart.sim.ScriptRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of scripted rules, shared by rule files and {@code /sim/admin/rules}. See
 * {@code examples/rules.json} for a documented example.
 */
final class RuleJson {

    private RuleJson() {
    }

    /** Accepts {@code {"rules": [...]}} or a bare array of rules. */
    static List<ScriptRule> rules(JsonNode node) {
        JsonNode array = node.isObject() ? node.path("rules") : node;
        if (!array.isArray()) {
            throw new IllegalArgumentException("expected {\"rules\": [...]} or an array of rules");
        }
        List<ScriptRule> rules = new ArrayList<>();
        for (JsonNode rule : array) {
            rules.add(rule(rule, rules.size()));
        }
        return rules;
    }

    static ScriptRule rule(JsonNode node, int position) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("rule #" + (position + 1) + " must be a JSON object");
        }
        String name = node.path("name").asString("rule-" + (position + 1));
        JsonNode match = node.path("match");
        ScriptRule.Match conditions = new ScriptRule.Match(Json.text(match, "model"), Json.text(match, "lastUserContains"),
                Json.text(match, "lastUserRegex"), Json.text(match, "systemContains"),
                match.path("afterToolResult").isBoolean() ? match.path("afterToolResult").asBoolean() : null);
        JsonNode reply = node.path("reply");
        List<ScriptRule.ToolCall> calls = new ArrayList<>();
        for (JsonNode call : reply.path("toolCalls")) {
            String toolName = Json.text(call, "name");
            if (toolName == null) {
                throw new IllegalArgumentException("rule '" + name + "': every tool call needs a name");
            }
            calls.add(new ScriptRule.ToolCall(toolName, arguments(call.path("arguments"), name)));
        }
        JsonNode latency = node.get("latency");
        JsonNode fault = node.path("fault");
        return new ScriptRule(name, conditions, new ScriptRule.Reply(Json.text(reply, "text"), calls, reply.path("streamPieceChars").asInt(0)),
                latency == null || latency.isNull() ? null : AdminJson.latency(latency),
                faultKind(fault, name), fault.path("rate").asDouble(1.0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> arguments(JsonNode node, String rule) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("rule '" + rule + "': tool call arguments must be a JSON object");
        }
        return Json.MAPPER.treeToValue(node, LinkedHashMap.class);
    }

    private static @Nullable Fault faultKind(JsonNode fault, String rule) {
        String kind = fault.isString() ? fault.stringValue() : Json.text(fault, "kind");
        if (kind == null) {
            return null;
        }
        return Fault.fromWireName(kind).orElseThrow(() -> new IllegalArgumentException(
                "rule '" + rule + "': unknown fault '" + kind + "'"));
    }

    static ObjectNode rules(List<ScriptRule> rules) {
        ObjectNode root = Json.object();
        ArrayNode array = root.putArray("rules");
        for (ScriptRule rule : rules) {
            array.add(rule(rule));
        }
        return root;
    }

    private static ObjectNode rule(ScriptRule rule) {
        ObjectNode node = Json.object();
        node.put("name", rule.name());
        ObjectNode match = node.putObject("match");
        putIfSet(match, "model", rule.match().model());
        putIfSet(match, "lastUserContains", rule.match().lastUserContains());
        putIfSet(match, "lastUserRegex", rule.match().lastUserRegex());
        putIfSet(match, "systemContains", rule.match().systemContains());
        if (rule.match().afterToolResult() != null) {
            match.put("afterToolResult", rule.match().afterToolResult());
        }
        ObjectNode reply = node.putObject("reply");
        putIfSet(reply, "text", rule.reply().text());
        if (rule.reply().streamPieceChars() > 0) {
            reply.put("streamPieceChars", rule.reply().streamPieceChars());
        }
        ArrayNode calls = reply.putArray("toolCalls");
        for (ScriptRule.ToolCall call : rule.reply().toolCalls()) {
            ObjectNode callNode = calls.addObject().put("name", call.name());
            callNode.set("arguments", Json.MAPPER.valueToTree(call.arguments()));
        }
        if (rule.latency() != null) {
            node.set("latency", AdminJson.latency(rule.latency()));
        }
        if (rule.fault() != null) {
            node.putObject("fault").put("kind", rule.fault().wireName()).put("rate", rule.faultRate());
        }
        return node;
    }

    private static void putIfSet(ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
