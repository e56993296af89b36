package dev.rampart.providers.internal;

import java.util.ArrayList;
import java.util.List;

import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelInterceptor;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.StreamSink;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * Every {@link ModelInterceptor} bean, outermost (lowest order) first. Requests pass from the outside in,
 * replies and streamed deltas from the inside out, so the outermost interceptor has the last word on what
 * leaves.
 */
final class InterceptorChain {

	private final List<ModelInterceptor> outsideIn;

	InterceptorChain(List<ModelInterceptor> interceptors) {
		List<ModelInterceptor> sorted = new ArrayList<>(interceptors);
		AnnotationAwareOrderComparator.sort(sorted);
		this.outsideIn = List.copyOf(sorted);
	}

	ModelRequest before(ModelCallContext context, ModelRequest request) {
		ModelRequest current = request;
		for (ModelInterceptor interceptor : outsideIn) {
			current = interceptor.beforeCall(context, current);
		}
		return current;
	}

	ModelReply after(ModelCallContext context, ModelReply reply) {
		ModelReply current = reply;
		for (ModelInterceptor interceptor : outsideIn.reversed()) {
			current = interceptor.afterReply(context, current);
		}
		return current;
	}

	/** The sink the model writes into: the innermost interceptor's, which passes outwards to {@code client}. */
	StreamSink wrap(ModelCallContext context, StreamSink client) {
		StreamSink current = client;
		for (ModelInterceptor interceptor : outsideIn) {
			current = interceptor.aroundStream(context, current);
		}
		return current;
	}

	List<ModelInterceptor> interceptors() {
		return outsideIn;
	}
}
