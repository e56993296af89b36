package dev.rampart.sim.internal;

import tools.jackson.databind.JsonNode;

/** One chat API's wire format (OpenAI, Anthropic, Ollama, Gemini, Azure) around the shared reply engine. */
interface ChatDialect {

    /** Name of the endpoint in the stats. */
    String endpoint();

    ErrorShape errors();

    /** Where this API carries its key. */
    default KeyHeaders keyHeaders() {
        return KeyHeaders.STANDARD;
    }

    /** Reads a request body; throws {@link ApiException} with a 400 when it is not a valid request. */
    Conversation parse(JsonNode body, PathParams path);

    byte[] completion(Conversation conversation, Reply reply, RequestScope scope);

    /** A 200 body that starts like a completion but is not valid JSON. */
    byte[] malformedCompletion(Conversation conversation, RequestScope scope);

    StreamEncoder streamEncoder(Conversation conversation, Reply reply, RequestScope scope);
}
