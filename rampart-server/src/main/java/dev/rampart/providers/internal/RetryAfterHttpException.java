package dev.rampart.providers.internal;

import java.time.Duration;

import dev.langchain4j.exception.HttpException;
import org.jspecify.annotations.Nullable;

/** An HTTP error answer that keeps the provider's {@code Retry-After}, which LangChain4j's own exception drops. */
final class RetryAfterHttpException extends HttpException {

	private final @Nullable Duration retryAfter;

	RetryAfterHttpException(int statusCode, String body, @Nullable Duration retryAfter) {
		super(statusCode, body);
		this.retryAfter = retryAfter;
	}

	@Nullable Duration retryAfter() {
		return retryAfter;
	}
}
