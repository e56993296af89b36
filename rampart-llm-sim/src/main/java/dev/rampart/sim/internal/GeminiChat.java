package dev.rampart.sim.internal;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Gemini API's {@code POST /v1beta/models/{model}:generateContent} (and {@code :streamGenerateContent}):
 * one candidate whose parts are the text and any {@code functionCall}s, {@code finishReason} STOP or
 * MAX_TOKENS (a function call finishes with STOP, as Gemini does), and the usage in {@code usageMetadata}.
 */
final class GeminiChat implements ChatDialect {

    @Override
    public String endpoint() {
        return "gemini.generateContent";
    }

    @Override
    public ErrorShape errors() {
        return GeminiErrors.INSTANCE;
    }

    @Override
    public KeyHeaders keyHeaders() {
        return KeyHeaders.GOOGLE;
    }

    @Override
    public Conversation parse(JsonNode body, PathParams path) {
        return GeminiRequests.parse(body, path);
    }

    @Override
    public byte[] completion(Conversation conversation, Reply reply, RequestScope scope) {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        if (!reply.text().isEmpty() || reply.calls().isEmpty()) {
            parts.addObject().put("text", reply.text());
        }
        for (Reply.Call call : reply.calls()) {
            parts.add(functionCallPart(call));
        }
        return Json.bytes(response(conversation, scope, parts, reply));
    }

    @Override
    public byte[] malformedCompletion(Conversation conversation, RequestScope scope) {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"unterminated".getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public StreamEncoder streamEncoder(Conversation conversation, Reply reply, RequestScope scope) {
        return new GeminiStream(conversation, reply, scope);
    }

    static ObjectNode functionCallPart(Reply.Call call) {
        ObjectNode part = Json.object();
        part.putObject("functionCall").put("name", call.name()).set("args", Json.MAPPER.readTree(call.argumentsJson()));
        return part;
    }

    /**
     * A GenerateContentResponse with one candidate holding {@code parts}; with {@code finished} set, the
     * finish reason and the usage too.
     */
    static ObjectNode response(Conversation conversation, RequestScope scope, ArrayNode parts, @Nullable Reply finished) {
        ObjectNode root = Json.object();
        ObjectNode candidate = root.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.set("parts", parts);
        content.put("role", "model");
        if (finished != null) {
            candidate.put("finishReason", finished.finish().gemini);
        }
        candidate.put("index", 0);
        if (finished != null) {
            int prompt = conversation.promptTokens();
            int completion = finished.completionTokens();
            root.putObject("usageMetadata")
                    .put("promptTokenCount", prompt)
                    .put("candidatesTokenCount", completion)
                    .put("totalTokenCount", prompt + completion);
        }
        root.put("modelVersion", conversation.model());
        root.put("responseId", "sim" + scope.number());
        return root;
    }
}
