package dev.rampart.providers;

import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.StreamSink;

/**
 * Calls a provider's model through the {@link dev.rampart.providers.spi.ModelInterceptor} chain. The minimal
 * real call path until the provider gateway (breakers, retries, fallback chains, response cache) replaces it:
 * one attempt, no fallback. Provider failures are {@code PROVIDER_CALL_FAILED} problems.
 */
public interface ModelCalls {

	/** A whole reply, after every interceptor's {@code afterReply}. */
	ModelReply call(Provider provider, ModelCallContext context, ModelRequest request);

	/**
	 * Streams the reply into {@code sink} through every interceptor's stream sink; returns when the stream
	 * ended or failed (the sink got {@code end} or {@code fail}). A refusal before the call (an interceptor's
	 * {@code beforeCall}) is thrown, not passed to the sink.
	 */
	void stream(Provider provider, ModelCallContext context, ModelRequest request, StreamSink sink);
}
