package dev.rampart.sim.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads an OpenAI chat completions request into a {@link Conversation}. */
final class OpenAiRequests {

    private OpenAiRequests() {
    }

    static Conversation parse(JsonNode body) {
        String model = Json.text(body, "model");
        if (model == null || model.isBlank()) {
            throw ApiError.badRequest("you must provide a model parameter").toException();
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiError.badRequest("'messages' must be a non-empty array.").toException();
        }
        StringBuilder system = new StringBuilder();
        List<Conversation.Turn> turns = new ArrayList<>();
        Map<String, String> toolNamesByCallId = new HashMap<>();
        for (JsonNode message : messages) {
            String role = Json.text(message, "role");
            String text = contentText(message.path("content"));
            switch (role == null ? "" : role) {
                case "system", "developer" -> system.append(system.isEmpty() ? "" : "\n").append(text);
                case "user" -> turns.add(Conversation.Turn.user(text));
                case "assistant" -> turns.add(assistantTurn(message, text, toolNamesByCallId));
                case "tool" -> {
                    String callId = Json.text(message, "tool_call_id");
                    String id = callId == null ? "" : callId;
                    turns.add(toolTurn(new Conversation.ToolResult(id, toolNamesByCallId.getOrDefault(id, "tool"), text)));
                }
                case "function" -> {
                    String name = Json.text(message, "name");
                    turns.add(toolTurn(new Conversation.ToolResult("", name == null ? "function" : name, text)));
                }
                default -> throw ApiError.badRequest("Invalid role '" + role + "' in 'messages'.").toException();
            }
        }
        return new Conversation(model, system.toString(), turns, tools(body), maxTokens(body),
                body.path("stream").asBoolean(false), body.path("stream_options").path("include_usage").asBoolean(false));
    }

    private static Conversation.Turn assistantTurn(JsonNode message, String text, Map<String, String> toolNamesByCallId) {
        List<Conversation.ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            String id = call.path("id").asString("");
            String name = call.path("function").path("name").asString("");
            calls.add(new Conversation.ToolCall(id, name, call.path("function").path("arguments").asString("")));
            toolNamesByCallId.put(id, name);
        }
        return new Conversation.Turn(Conversation.Role.ASSISTANT, text, calls, List.of());
    }

    private static Conversation.Turn toolTurn(Conversation.ToolResult result) {
        return new Conversation.Turn(Conversation.Role.TOOL, "", List.of(), List.of(result));
    }

    /** Offered tools after {@code tool_choice}: "none" offers none, a named function offers only that one. */
    private static List<Conversation.Tool> tools(JsonNode body) {
        JsonNode choice = body.path("tool_choice");
        if ("none".equals(choice.asString(""))) {
            return List.of();
        }
        String onlyName = Json.text(choice.path("function"), "name");
        List<Conversation.Tool> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            addTool(tools, tool.path("function"), onlyName);
        }
        for (JsonNode function : body.path("functions")) {
            addTool(tools, function, onlyName);
        }
        return tools;
    }

    private static void addTool(List<Conversation.Tool> tools, JsonNode function, @Nullable String onlyName) {
        String name = Json.text(function, "name");
        if (name == null) {
            throw ApiError.badRequest("Every tool needs a function name.").toException();
        }
        if (onlyName == null || onlyName.equals(name)) {
            tools.add(new Conversation.Tool(name, function.path("parameters")));
        }
    }

    private static @Nullable Integer maxTokens(JsonNode body) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            JsonNode value = body.get(field);
            if (value != null && value.isIntegralNumber()) {
                return value.asInt();
            }
        }
        return null;
    }

    /** Message content is a string or an array of parts; text parts are joined by newlines, others ignored. */
    static String contentText(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        if (!content.isArray()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            String partText = Json.text(part, "text");
            if (partText != null) {
                text.append(text.isEmpty() ? "" : "\n").append(partText);
            }
        }
        return text.toString();
    }
}
