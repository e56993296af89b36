package dev.rampart.sim.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Gemini {@code generateContent} request into a {@link Conversation}. The model and streaming come
 * from the path. Contents are {@code user} and {@code model} turns of parts; a user turn holding
 * {@code functionResponse} parts becomes a TOOL turn. Top-level fields are read in lowerCamelCase and, as
 * Google's JSON mapping also allows, in snake_case.
 */
final class GeminiRequests {

    private GeminiRequests() {
    }

    static Conversation parse(JsonNode body, PathParams path) {
        String model = path.model();
        if (model == null || model.isBlank()) {
            throw ApiError.badRequest("A model name is required in the path.").toException();
        }
        JsonNode contents = field(body, "contents", "contents");
        if (!contents.isArray() || contents.isEmpty()) {
            throw ApiError.badRequest("* GenerateContentRequest.contents: contents is not specified").toException();
        }
        List<Conversation.Turn> turns = new ArrayList<>();
        for (JsonNode content : contents) {
            String role = content.path("role").asString("user");
            JsonNode parts = content.path("parts");
            switch (role) {
                case "user" -> turns.add(userTurn(parts));
                case "model" -> turns.add(modelTurn(parts));
                default -> throw ApiError.badRequest("Please use a valid role: user, model.").toException();
            }
        }
        JsonNode generationConfig = field(body, "generationConfig", "generation_config");
        JsonNode maxTokens = field(generationConfig, "maxOutputTokens", "max_output_tokens");
        return new Conversation(model, text(field(body, "systemInstruction", "system_instruction").path("parts")),
                turns, tools(body), maxTokens.isIntegralNumber() ? maxTokens.asInt() : null, path.stream(), true);
    }

    private static Conversation.Turn userTurn(JsonNode parts) {
        List<Conversation.ToolResult> results = new ArrayList<>();
        for (JsonNode part : parts) {
            JsonNode response = field(part, "functionResponse", "function_response");
            if (response.isObject()) {
                results.add(new Conversation.ToolResult(response.path("id").asString(""),
                        response.path("name").asString("tool"), responseText(response.path("response"))));
            }
        }
        Conversation.Role role = results.isEmpty() ? Conversation.Role.USER : Conversation.Role.TOOL;
        return new Conversation.Turn(role, text(parts), List.of(), results);
    }

    private static Conversation.Turn modelTurn(JsonNode parts) {
        List<Conversation.ToolCall> calls = new ArrayList<>();
        for (JsonNode part : parts) {
            JsonNode call = field(part, "functionCall", "function_call");
            if (call.isObject()) {
                calls.add(new Conversation.ToolCall(call.path("id").asString(""), call.path("name").asString(""),
                        Json.string(call.path("args").isObject() ? call.path("args") : Json.object())));
            }
        }
        return new Conversation.Turn(Conversation.Role.ASSISTANT, text(parts), calls, List.of());
    }

    /** A function response is a JSON object; LangChain4j wraps the text as {@code {"response": text}}. */
    private static String responseText(JsonNode response) {
        for (String key : new String[] {"response", "output", "result", "content"}) {
            if (response.path(key).isString()) {
                return response.path(key).stringValue();
            }
        }
        return response.isMissingNode() ? "" : Json.string(response);
    }

    /**
     * Declared functions after {@code toolConfig}: mode NONE offers none, {@code allowedFunctionNames} only
     * those. A declaration's schema is {@code parameters} (Google's OpenAPI subset) or
     * {@code parametersJsonSchema} (JSON schema).
     */
    private static List<Conversation.Tool> tools(JsonNode body) {
        JsonNode config = field(field(body, "toolConfig", "tool_config"), "functionCallingConfig", "function_calling_config");
        if ("NONE".equals(config.path("mode").asString(""))) {
            return List.of();
        }
        Set<String> allowed = new HashSet<>();
        field(config, "allowedFunctionNames", "allowed_function_names").forEach(name -> allowed.add(name.asString()));
        List<Conversation.Tool> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            for (JsonNode function : field(tool, "functionDeclarations", "function_declarations")) {
                String name = Json.text(function, "name");
                if (name == null) {
                    throw ApiError.badRequest("* GenerateContentRequest.tools: function declaration name is required")
                            .toException();
                }
                JsonNode schema = field(function, "parametersJsonSchema", "parameters_json_schema");
                if (allowed.isEmpty() || allowed.contains(name)) {
                    tools.add(new Conversation.Tool(name, schema.isObject() ? schema : function.path("parameters")));
                }
            }
        }
        return tools;
    }

    /** Text parts joined by newlines; thought parts and other kinds are ignored. */
    static String text(JsonNode parts) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            String partText = Json.text(part, "text");
            if (partText != null && !part.path("thought").asBoolean(false)) {
                text.append(text.isEmpty() ? "" : "\n").append(partText);
            }
        }
        return text.toString();
    }

    private static JsonNode field(JsonNode node, String camel, @Nullable String snake) {
        JsonNode value = node.path(camel);
        return value.isMissingNode() && snake != null ? node.path(snake) : value;
    }
}
