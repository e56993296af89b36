package dev.rampart.sim.internal;

import org.jspecify.annotations.Nullable;

/**
 * A protocol-neutral error; each dialect renders it in its own JSON shape.
 * Messages are written for API users and never carry exception text.
 *
 * @param retryAfterSeconds for a 429, when the caller may retry (dialects that put it in the body use it)
 */
record ApiError(Kind kind, String message, @Nullable Long retryAfterSeconds) implements java.io.Serializable {

    ApiError(Kind kind, String message) {
        this(kind, message, null);
    }

    enum Kind {
        INVALID_REQUEST(400),
        AUTHENTICATION(401),
        NOT_FOUND(404),
        MODEL_NOT_FOUND(404),
        METHOD_NOT_ALLOWED(405),
        TOO_LARGE(413),
        RATE_LIMITED(429),
        SERVER_ERROR(500),
        UNAVAILABLE(503);

        final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    int status() {
        return kind.status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(Kind.INVALID_REQUEST, message);
    }

    ApiException toException() {
        return new ApiException(this);
    }
}
