package dev.rampart.sim.internal;

import org.eclipse.jetty.http.HttpFields;

/** Ollama's error shape: {@code {"error":"message"}} with the HTTP status; Ollama sends no rate-limit headers. */
final class OllamaErrors implements ErrorShape {

    static final OllamaErrors INSTANCE = new OllamaErrors();

    private OllamaErrors() {
    }

    @Override
    public byte[] body(ApiError error) {
        return Json.bytes(Json.object().put("error", error.message()));
    }

    @Override
    public String invalidApiKeyMessage() {
        return "unauthorized: this simulator accepts only the API keys it is configured with";
    }

    @Override
    public void addRateLimitHeaders(HttpFields.Mutable headers, long retryAfterSeconds) {
        // Ollama has no rate-limit headers; Retry-After alone is added by the caller.
    }
}
