package dev.rampart.sim.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure OpenAI's {@code POST /openai/deployments/{deployment}/chat/completions}: the OpenAI dialect in every
 * byte, except that the deployment in the path is the model (a {@code model} in the body is ignored) and the
 * key may come in an {@code api-key} header. The router has already required {@code api-version}.
 */
final class AzureChat implements ChatDialect {

    private final OpenAiChat openAi;

    AzureChat(OpenAiChat openAi) {
        this.openAi = openAi;
    }

    @Override
    public String endpoint() {
        return "azure.chat.completions";
    }

    @Override
    public ErrorShape errors() {
        return openAi.errors();
    }

    @Override
    public KeyHeaders keyHeaders() {
        return KeyHeaders.AZURE;
    }

    @Override
    public Conversation parse(JsonNode body, PathParams path) {
        return openAi.parse(withModel(body, path), path);
    }

    @Override
    public byte[] completion(Conversation conversation, Reply reply, RequestScope scope) {
        return openAi.completion(conversation, reply, scope);
    }

    @Override
    public byte[] malformedCompletion(Conversation conversation, RequestScope scope) {
        return openAi.malformedCompletion(conversation, scope);
    }

    @Override
    public StreamEncoder streamEncoder(Conversation conversation, Reply reply, RequestScope scope) {
        return openAi.streamEncoder(conversation, reply, scope);
    }

    /** The body with the path's deployment as its model. */
    static JsonNode withModel(JsonNode body, PathParams path) {
        if (path.model() == null || !(body instanceof ObjectNode object)) {
            return body;
        }
        ObjectNode copy = object.deepCopy();
        copy.put("model", path.model());
        return copy;
    }
}
