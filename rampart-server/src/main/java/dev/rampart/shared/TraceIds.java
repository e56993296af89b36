package dev.rampart.shared;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The trace of the current request or run: its id, quoted in error responses so support can find its logs and spans,
 * and its W3C {@code traceparent}, saved with work that continues elsewhere (a queued run) so that work joins the trace.
 */
@Component
public class TraceIds {

	private final ObjectProvider<Tracer> tracer;

	public TraceIds(ObjectProvider<Tracer> tracer) {
		this.tracer = tracer;
	}

	public @Nullable String current() {
		TraceContext context = context();
		return context == null ? null : context.traceId();
	}

	/** The current span as a W3C {@code traceparent} header value, or null outside a trace. */
	public @Nullable String traceparent() {
		TraceContext context = context();
		if (context == null) {
			return null;
		}
		return "00-" + context.traceId() + "-" + context.spanId() + "-" + (Boolean.FALSE.equals(context.sampled()) ? "00" : "01");
	}

	private @Nullable TraceContext context() {
		Tracer t = tracer.getIfAvailable();
		Span span = t == null ? null : t.currentSpan();
		return span == null ? null : span.context();
	}
}
