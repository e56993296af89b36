package dev.rampart.providers;

import java.util.List;

import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.StreamSink;
import dev.rampart.shared.TenantId;

/**
 * The one way Rampart calls a model (docs/providers.md). A call passes every
 * {@link dev.rampart.providers.spi.ModelInterceptor} once (masking, accounting and budgets, screening), then tries the
 * chain's models in order, each attempt behind its provider's circuit breaker and bulkhead, with retries, on one of
 * the provider's keys. When every model failed, a cache-eligible request gets the cached reply for the same
 * normalized request; otherwise the caller gets {@code PROVIDER_UNAVAILABLE} with an estimate of when to retry
 * taken from the breakers. The reply says which provider and model served it.
 * <p>
 * {@code context.provider()} and {@code context.model()} name the chain's primary.
 */
public interface LlmGateway {

	/** A whole reply, after every interceptor's {@code afterReply}. */
	ModelReply chat(ModelCallContext context, ModelChain chain, ModelRequest request);

	/**
	 * Streams the reply into {@code sink}; returns when the stream ended or failed (the sink got {@code end} or
	 * {@code fail}). A refusal before the call (an interceptor's {@code beforeCall}) is thrown, not passed to the sink.
	 * A model that fails before its first piece is retried, then the next model of the chain is tried; a stream that
	 * fails after its first piece is not (no piece reaches the sink twice): it ends with the failure.
	 */
	void stream(ModelCallContext context, ModelChain chain, ModelRequest request, StreamSink sink);

	/** Embeddings of {@code texts}, in order, from an embedding model of a provider. */
	List<float[]> embed(TenantId tenant, ModelTarget target, List<String> texts);
}
