package dev.rampart.providers.internal;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderException;
import dev.rampart.providers.ProviderException.Kind;
import dev.rampart.shared.RampartException;
import org.jspecify.annotations.Nullable;

/**
 * The one place that turns a client library's (or the HTTP layer's) failure into a {@link ProviderException} of
 * the taxonomy. Only text composed here reaches the client: the library's messages may quote the provider's
 * body or the request.
 */
final class ProviderFailures {

	private ProviderFailures() {
	}

	static RampartException of(Provider provider, Throwable failure) {
		if (failure instanceof RampartException rampart) {
			return rampart;
		}
		String who = "Provider '" + provider.id() + "'";
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpException http) {
				return http(who, http.statusCode(), retryAfter(http), failure);
			}
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			Kind kind = switch (cause) {
				case RateLimitException _ -> Kind.RATE_LIMITED;
				case AuthenticationException _ -> Kind.AUTHENTICATION;
				case ModelNotFoundException _ -> Kind.MODEL_NOT_FOUND;
				case ContentFilteredException _ -> Kind.CONTENT_FILTERED;
				case InvalidRequestException _ -> Kind.INVALID_REQUEST;
				case InternalServerException _ -> Kind.SERVER_ERROR;
				case TimeoutException _, HttpTimeoutException _, java.util.concurrent.TimeoutException _ -> Kind.TIMEOUT;
				case IOException _ -> Kind.CONNECTION;
				default -> null;
			};
			if (kind != null) {
				return new ProviderException(kind, who + " " + describe(kind) + ".", null, failure);
			}
		}
		return new ProviderException(Kind.CONNECTION, who + " failed (" + failure.getClass().getSimpleName() + ").", null,
				failure);
	}

	/** The taxonomy of an HTTP status: 429 rate limited, 5xx server error, 401/403 auth, other 4xx invalid. */
	static ProviderException http(String who, int status, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		Kind kind;
		if (status == 429) {
			kind = Kind.RATE_LIMITED;
		}
		else if (status >= 500) {
			kind = Kind.SERVER_ERROR;
		}
		else if (status == 401 || status == 403) {
			kind = Kind.AUTHENTICATION;
		}
		else if (status == 404 && cause != null && mentionsModel(cause)) {
			kind = Kind.MODEL_NOT_FOUND;
		}
		else if (status == 408) {
			kind = Kind.TIMEOUT;
		}
		else {
			kind = Kind.INVALID_REQUEST;
		}
		return new ProviderException(kind, who + " answered HTTP " + status + ".", kind == Kind.RATE_LIMITED ? retryAfter : null,
				cause);
	}

	static ProviderException timedOut(Provider provider, String what) {
		return new ProviderException(Kind.TIMEOUT, "Provider '" + provider.id() + "' did not " + what + " in time.", null, null);
	}

	/** A stream that stopped before its last chunk (the one with the finish reason). */
	static ProviderException truncated(Provider provider) {
		return new ProviderException(Kind.CONNECTION, "Provider '" + provider.id() + "' ended the stream before finishing it.",
				null, null);
	}

	private static String describe(Kind kind) {
		return switch (kind) {
			case RATE_LIMITED -> "is rate limiting Rampart";
			case SERVER_ERROR -> "had a server error";
			case TIMEOUT -> "did not answer in time";
			case CONNECTION -> "could not be reached or closed the connection";
			case AUTHENTICATION -> "did not accept the credentials";
			case INVALID_REQUEST -> "refused the request as invalid";
			case MODEL_NOT_FOUND -> "does not know the model";
			case CONTENT_FILTERED -> "filtered the content";
		};
	}

	private static boolean mentionsModel(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ModelNotFoundException) {
				return true;
			}
			if (cause instanceof HttpException http && http.getMessage() != null && http.getMessage().contains("model_not_found")) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable Duration retryAfter(HttpException http) {
		return http instanceof RetryAfterHttpException withHeader ? withHeader.retryAfter() : null;
	}
}
