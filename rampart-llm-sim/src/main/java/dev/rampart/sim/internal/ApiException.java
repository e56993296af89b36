package dev.rampart.sim.internal;

/** Ends a request with an {@link ApiError}; thrown from parsing and validation, caught by the router. */
final class ApiException extends RuntimeException {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final ApiError error;

    ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
