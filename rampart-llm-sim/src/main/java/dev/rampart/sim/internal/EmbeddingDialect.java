package dev.rampart.sim.internal;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** One embeddings API's wire format (OpenAI, Azure, Ollama, Gemini) around the shared hash embedder. */
interface EmbeddingDialect {

    /** Name of the endpoint in the stats. */
    String endpoint();

    ErrorShape errors();

    /** Where this API carries its key. */
    default KeyHeaders keyHeaders() {
        return KeyHeaders.STANDARD;
    }

    /** Reads a request body; throws {@link ApiException} with a 400 when it is not a valid request. */
    Call parse(JsonNode body, PathParams path, int defaultDimensions);

    /** The response body for the vectors of {@code call}'s inputs, in order. */
    byte[] response(Call call, List<float[]> vectors, int promptTokens);

    /** A 200 body that starts like a response but is not valid JSON. */
    byte[] malformed(Call call);

    /** What to embed: texts, each with its vector size. */
    record Call(String model, List<Input> inputs, boolean base64) {
    }

    record Input(String text, int dimensions) {
    }
}
