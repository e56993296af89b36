package dev.rampart.sim.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads an Ollama {@code POST /api/chat} request into a {@link Conversation}. Ollama streams unless
 * {@code "stream": false}; {@code options.num_predict} is the output limit; tool arguments are JSON objects.
 * A tool message names its tool with {@code tool_name} when the client sends one, otherwise it answers the
 * preceding assistant's tool calls in order (LangChain4j sends neither a name nor a call id).
 */
final class OllamaRequests {

    private static final String LATEST_TAG = ":latest";

    private OllamaRequests() {
    }

    static Conversation parse(JsonNode body) {
        String model = Json.text(body, "model");
        if (model == null || model.isBlank()) {
            throw ApiError.badRequest("model is required").toException();
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiError.badRequest("messages must be a non-empty array").toException();
        }
        StringBuilder system = new StringBuilder();
        List<Conversation.Turn> turns = new ArrayList<>();
        List<Conversation.ToolCall> lastCalls = List.of();
        int answered = 0;
        for (JsonNode message : messages) {
            String role = Json.text(message, "role");
            String text = message.path("content").asString("");
            switch (role == null ? "" : role) {
                case "system" -> system.append(system.isEmpty() ? "" : "\n").append(text);
                case "user" -> turns.add(Conversation.Turn.user(text));
                case "assistant" -> {
                    lastCalls = toolCalls(message.path("tool_calls"));
                    answered = 0;
                    turns.add(new Conversation.Turn(Conversation.Role.ASSISTANT, text, lastCalls, List.of()));
                }
                case "tool" -> {
                    Conversation.ToolCall answers = answered < lastCalls.size() ? lastCalls.get(answered) : null;
                    answered++;
                    String name = Json.text(message, "tool_name");
                    String callId = Json.text(message, "tool_call_id");
                    Conversation.ToolResult result = new Conversation.ToolResult(
                            callId != null ? callId : answers != null ? answers.id() : "",
                            name != null ? name : answers != null ? answers.name() : "tool", text);
                    turns.add(new Conversation.Turn(Conversation.Role.TOOL, "", List.of(), List.of(result)));
                }
                default -> throw ApiError.badRequest("invalid role '" + role + "'").toException();
            }
        }
        return new Conversation(modelName(model), system.toString(), turns, tools(body), maxTokens(body),
                body.path("stream").asBoolean(true), true);
    }

    /** Ollama treats {@code name} and {@code name:latest} as the same model. */
    static String modelName(String model) {
        return model.endsWith(LATEST_TAG) ? model.substring(0, model.length() - LATEST_TAG.length()) : model;
    }

    private static List<Conversation.ToolCall> toolCalls(JsonNode calls) {
        List<Conversation.ToolCall> result = new ArrayList<>();
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            JsonNode arguments = function.path("arguments");
            result.add(new Conversation.ToolCall(call.path("id").asString(""), function.path("name").asString(""),
                    arguments.isString() ? arguments.stringValue() : Json.string(arguments)));
        }
        return result;
    }

    private static List<Conversation.Tool> tools(JsonNode body) {
        List<Conversation.Tool> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            JsonNode function = tool.path("function");
            String name = Json.text(function, "name");
            if (name == null) {
                throw ApiError.badRequest("every tool needs a function name").toException();
            }
            tools.add(new Conversation.Tool(name, function.path("parameters")));
        }
        return tools;
    }

    /** {@code num_predict} below zero means "no limit" in Ollama. */
    private static @Nullable Integer maxTokens(JsonNode body) {
        JsonNode value = body.path("options").get("num_predict");
        return value != null && value.isIntegralNumber() && value.asInt() >= 0 ? value.asInt() : null;
    }
}
