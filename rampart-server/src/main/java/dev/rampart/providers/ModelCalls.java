package dev.rampart.providers;

import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.StreamSink;

/**
 * Calls a provider's model through the {@link dev.rampart.providers.spi.ModelInterceptor} chain, behind the
 * provider's circuit breaker and bulkhead, retrying retriable failures (docs/providers.md, "Failures and
 * resilience"). Provider failures are {@link ProviderException}s; a call refused by an open breaker or a full
 * bulkhead is a {@code PROVIDER_UNAVAILABLE} problem. No fallback chain or cache yet.
 */
public interface ModelCalls {

	/** A whole reply, after every interceptor's {@code afterReply}. */
	ModelReply call(Provider provider, ModelCallContext context, ModelRequest request);

	/**
	 * Streams the reply into {@code sink} through every interceptor's stream sink; returns when the stream
	 * ended or failed (the sink got {@code end} or {@code fail}). A refusal before the call (an interceptor's
	 * {@code beforeCall}) is thrown, not passed to the sink. A stream that fails before its first piece may be
	 * retried; one that fails after it is not (no piece reaches the sink twice).
	 */
	void stream(Provider provider, ModelCallContext context, ModelRequest request, StreamSink sink);
}
