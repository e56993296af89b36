package dev.rampart.shared;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The trace id of the current request, quoted in error responses so support can find its logs and spans. */
@Component
public class TraceIds {

	private final ObjectProvider<Tracer> tracer;

	public TraceIds(ObjectProvider<Tracer> tracer) {
		this.tracer = tracer;
	}

	public @Nullable String current() {
		Tracer t = tracer.getIfAvailable();
		Span span = t == null ? null : t.currentSpan();
		return span == null ? null : span.context().traceId();
	}
}
