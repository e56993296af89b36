package dev.rampart.sim.internal;

import org.eclipse.jetty.http.HttpFields;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic's error shape: {@code {"type":"error","error":{"type","message"}}}. */
final class AnthropicErrors implements ErrorShape {

    static final AnthropicErrors INSTANCE = new AnthropicErrors();

    private AnthropicErrors() {
    }

    @Override
    public byte[] body(ApiError error) {
        ObjectNode root = Json.object();
        root.put("type", "error");
        ObjectNode body = root.putObject("error");
        body.put("type", type(error.kind()));
        body.put("message", error.message());
        return Json.bytes(root);
    }

    @Override
    public String invalidApiKeyMessage() {
        return "invalid x-api-key";
    }

    @Override
    public void addRateLimitHeaders(HttpFields.Mutable headers, long retryAfterSeconds) {
        headers.put("anthropic-ratelimit-requests-limit", "60");
        headers.put("anthropic-ratelimit-requests-remaining", "0");
        headers.put("anthropic-ratelimit-requests-reset",
                java.time.Instant.now().plusSeconds(retryAfterSeconds).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString());
    }

    private static String type(ApiError.Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST, METHOD_NOT_ALLOWED -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case NOT_FOUND, MODEL_NOT_FOUND -> "not_found_error";
            case TOO_LARGE -> "request_too_large";
            case RATE_LIMITED -> "rate_limit_error";
            case SERVER_ERROR -> "api_error";
            case UNAVAILABLE -> "overloaded_error";
        };
    }
}
