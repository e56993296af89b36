package dev.rampart.providers.internal;

import java.io.IOException;
import java.net.http.HttpTimeoutException;

import dev.langchain4j.exception.HttpException;
import dev.rampart.providers.Provider;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;

/**
 * The one place that turns a client library's failure into a {@code PROVIDER_CALL_FAILED} problem. Only text
 * composed here reaches the client: the library's messages may quote the provider's body or the request.
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
				return failed(who + " answered HTTP " + http.statusCode() + ".", failure);
			}
			if (cause instanceof HttpTimeoutException || cause instanceof dev.langchain4j.exception.TimeoutException) {
				return failed(who + " did not answer in time.", failure);
			}
			if (cause instanceof IOException) {
				return failed(who + " could not be reached or closed the connection.", failure);
			}
		}
		return failed(who + " failed (" + failure.getClass().getSimpleName() + ").", failure);
	}

	static RampartException timedOut(Provider provider) {
		return new RampartException(ErrorCode.PROVIDER_CALL_FAILED,
				"Provider '" + provider.id() + "' did not finish the stream in time.");
	}

	private static RampartException failed(String details, Throwable cause) {
		return new RampartException(ErrorCode.PROVIDER_CALL_FAILED, details, null, cause);
	}
}
