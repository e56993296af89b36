package dev.rampart.sim.internal;

import org.eclipse.jetty.http.HttpFields;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI's error shape: {@code {"error":{"message","type","param","code"}}}; also used by admin endpoints. */
final class OpenAiErrors implements ErrorShape {

    static final OpenAiErrors INSTANCE = new OpenAiErrors();

    private OpenAiErrors() {
    }

    @Override
    public byte[] body(ApiError error) {
        ObjectNode root = Json.object();
        ObjectNode body = root.putObject("error");
        body.put("message", error.message());
        body.put("type", type(error.kind()));
        body.putNull("param");
        String code = code(error.kind());
        if (code == null) {
            body.putNull("code");
        } else {
            body.put("code", code);
        }
        return Json.bytes(root);
    }

    @Override
    public String invalidApiKeyMessage() {
        return "Incorrect API key provided. This simulator accepts only the API keys it is configured with.";
    }

    @Override
    public void addRateLimitHeaders(HttpFields.Mutable headers, long retryAfterSeconds) {
        headers.put("x-ratelimit-limit-requests", "60");
        headers.put("x-ratelimit-remaining-requests", "0");
        headers.put("x-ratelimit-reset-requests", retryAfterSeconds + "s");
        headers.put("x-ratelimit-limit-tokens", "150000");
        headers.put("x-ratelimit-remaining-tokens", "0");
        headers.put("x-ratelimit-reset-tokens", retryAfterSeconds + "s");
    }

    private static String type(ApiError.Kind kind) {
        return switch (kind) {
            case RATE_LIMITED -> "requests";
            case SERVER_ERROR, UNAVAILABLE -> "server_error";
            case AUTHENTICATION, INVALID_REQUEST, NOT_FOUND, MODEL_NOT_FOUND, METHOD_NOT_ALLOWED, TOO_LARGE ->
                    "invalid_request_error";
        };
    }

    private static @org.jspecify.annotations.Nullable String code(ApiError.Kind kind) {
        return switch (kind) {
            case AUTHENTICATION -> "invalid_api_key";
            case MODEL_NOT_FOUND -> "model_not_found";
            case NOT_FOUND -> "unknown_url";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case TOO_LARGE -> "request_too_large";
            case RATE_LIMITED -> "rate_limit_exceeded";
            case UNAVAILABLE -> "service_unavailable";
            case INVALID_REQUEST, SERVER_ERROR -> null;
        };
    }
}
