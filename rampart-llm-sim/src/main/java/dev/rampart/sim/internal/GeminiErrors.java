package dev.rampart.sim.internal;

import org.eclipse.jetty.http.HttpFields;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google's error shape, as the Gemini API sends it: {@code {"error":{"code":429,"message":"…","status":
 * "RESOURCE_EXHAUSTED"}}}. A 429 also carries a {@code google.rpc.RetryInfo} detail with the retry delay,
 * where Google puts it (it sends no rate-limit headers).
 */
final class GeminiErrors implements ErrorShape {

    static final GeminiErrors INSTANCE = new GeminiErrors();

    private GeminiErrors() {
    }

    @Override
    public byte[] body(ApiError error) {
        ObjectNode root = Json.object();
        ObjectNode body = root.putObject("error");
        body.put("code", error.status());
        body.put("message", error.message());
        body.put("status", status(error.kind()));
        if (error.retryAfterSeconds() != null) {
            body.putArray("details").addObject()
                    .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .put("retryDelay", error.retryAfterSeconds() + "s");
        }
        return Json.bytes(root);
    }

    @Override
    public String invalidApiKeyMessage() {
        return "API key not valid. Please pass a valid API key.";
    }

    @Override
    public void addRateLimitHeaders(HttpFields.Mutable headers, long retryAfterSeconds) {
        // Google reports the delay in the body (RetryInfo); Retry-After is added by the caller.
    }

    /** The canonical gRPC status name Google pairs with each HTTP status. */
    static String status(ApiError.Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST, TOO_LARGE, METHOD_NOT_ALLOWED -> "INVALID_ARGUMENT";
            case AUTHENTICATION -> "UNAUTHENTICATED";
            case NOT_FOUND, MODEL_NOT_FOUND -> "NOT_FOUND";
            case RATE_LIMITED -> "RESOURCE_EXHAUSTED";
            case SERVER_ERROR -> "INTERNAL";
            case UNAVAILABLE -> "UNAVAILABLE";
        };
    }
}
