package dev.rampart.sim.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads an Anthropic messages request into a {@link Conversation}. A user message holding
 * {@code tool_result} blocks becomes a TOOL turn, so "the conversation ends with tool results" means the
 * same in both dialects. {@code max_tokens} is optional here although the real API requires it.
 */
final class AnthropicRequests {

    private AnthropicRequests() {
    }

    static Conversation parse(JsonNode body) {
        String model = Json.text(body, "model");
        if (model == null || model.isBlank()) {
            throw ApiError.badRequest("model: Field required").toException();
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiError.badRequest("messages: must be a non-empty array").toException();
        }
        List<Conversation.Turn> turns = new ArrayList<>();
        Map<String, String> toolNamesById = new HashMap<>();
        for (JsonNode message : messages) {
            String role = Json.text(message, "role");
            if ("user".equals(role)) {
                turns.add(userTurn(message.path("content"), toolNamesById));
            } else if ("assistant".equals(role)) {
                turns.add(assistantTurn(message.path("content"), toolNamesById));
            } else {
                throw ApiError.badRequest("messages: role must be 'user' or 'assistant', got '" + role + "'").toException();
            }
        }
        JsonNode maxTokens = body.get("max_tokens");
        return new Conversation(model, text(body.path("system")), turns, tools(body),
                maxTokens != null && maxTokens.isIntegralNumber() ? maxTokens.asInt() : null,
                body.path("stream").asBoolean(false), true);
    }

    private static Conversation.Turn userTurn(JsonNode content, Map<String, String> toolNamesById) {
        List<Conversation.ToolResult> results = new ArrayList<>();
        for (JsonNode block : content.isArray() ? content : Json.MAPPER.createArrayNode()) {
            if ("tool_result".equals(Json.text(block, "type"))) {
                String id = block.path("tool_use_id").asString("");
                results.add(new Conversation.ToolResult(id, toolNamesById.getOrDefault(id, "tool"),
                        text(block.path("content"))));
            }
        }
        Conversation.Role role = results.isEmpty() ? Conversation.Role.USER : Conversation.Role.TOOL;
        return new Conversation.Turn(role, text(content), List.of(), results);
    }

    private static Conversation.Turn assistantTurn(JsonNode content, Map<String, String> toolNamesById) {
        List<Conversation.ToolCall> calls = new ArrayList<>();
        for (JsonNode block : content.isArray() ? content : Json.MAPPER.createArrayNode()) {
            if ("tool_use".equals(Json.text(block, "type"))) {
                String id = block.path("id").asString("");
                String name = block.path("name").asString("");
                calls.add(new Conversation.ToolCall(id, name, Json.string(block.path("input"))));
                toolNamesById.put(id, name);
            }
        }
        return new Conversation.Turn(Conversation.Role.ASSISTANT, text(content), calls, List.of());
    }

    /** Offered tools after {@code tool_choice}: "none" offers none, "tool" offers only the named one. */
    private static List<Conversation.Tool> tools(JsonNode body) {
        JsonNode choice = body.path("tool_choice");
        String choiceType = choice.path("type").asString("auto");
        if ("none".equals(choiceType)) {
            return List.of();
        }
        @Nullable String onlyName = "tool".equals(choiceType) ? Json.text(choice, "name") : null;
        List<Conversation.Tool> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            String name = Json.text(tool, "name");
            if (name == null) {
                throw ApiError.badRequest("tools: every tool needs a name").toException();
            }
            if (onlyName == null || onlyName.equals(name)) {
                tools.add(new Conversation.Tool(name, tool.path("input_schema")));
            }
        }
        return tools;
    }

    /** Content is a string or an array of blocks; text blocks are joined by newlines, others ignored. */
    static String text(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode block : content) {
                if ("text".equals(Json.text(block, "type"))) {
                    text.append(text.isEmpty() ? "" : "\n").append(block.path("text").asString(""));
                }
            }
        }
        return text.toString();
    }
}
