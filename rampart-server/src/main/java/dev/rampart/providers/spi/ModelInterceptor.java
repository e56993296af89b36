package dev.rampart.providers.spi;

import org.springframework.core.Ordered;

/**
 * One cross-cutting concern around a model call (masking, prompt-injection screening, usage accounting ...).
 * Every {@code ModelInterceptor} bean joins the chain, ordered by {@link #getOrder()}: a lower order is
 * further out, so it sees the request first and the reply (or each streamed delta) last. The chain is the
 * same for streaming and non-streaming calls; an interceptor implements the hooks it needs.
 *
 * <p>Hooks run on the thread of the request that made the call and must not block on I/O they do not own.
 * To refuse a call, {@link #beforeCall} throws a {@code RampartException}: the model is not called and the
 * client gets that problem.
 */
public interface ModelInterceptor extends Ordered {

	/** The outermost position, taken by masking: nothing after it may see or add unmasked text. */
	int MASKING = Ordered.HIGHEST_PRECEDENCE + 1000;

	/**
	 * Usage accounting and budgets: inside masking (a budget refusal needs no masking, and the deltas it counts
	 * are the model's own), outside screening, so a spent budget refuses the call before screening works on it.
	 */
	int ACCOUNTING = MASKING + 500;

	/** Where screening of untrusted input belongs: inside masking, so a refusal's details are masked too. */
	int SCREENING = MASKING + 1000;

	/** Before the model is called: returns the request to send (the same one, or a rewritten copy). */
	default ModelRequest beforeCall(ModelCallContext context, ModelRequest request) {
		return request;
	}

	/** After a non-streaming reply: returns the reply to pass outwards. */
	default ModelReply afterReply(ModelCallContext context, ModelReply reply) {
		return reply;
	}

	/**
	 * Wraps the sink that receives a streamed reply, so the interceptor can transform deltas, hold some
	 * back, and flush what it held at {@link StreamSink#end}. Returns {@code downstream} to stay out of
	 * the stream. The returned sink is used for one stream only.
	 */
	default StreamSink aroundStream(ModelCallContext context, StreamSink downstream) {
		return downstream;
	}

	@Override
	default int getOrder() {
		return 0;
	}
}
