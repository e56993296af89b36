package dev.rampart.observability;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** An in-memory span exporter for tests: every span the node ends, kept in order of export. */
final class CollectedSpans implements SpanExporter {

	private final List<SpanData> spans = new CopyOnWriteArrayList<>();

	@Override
	public CompletableResultCode export(Collection<SpanData> batch) {
		spans.addAll(batch);
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	/** Every span so far. */
	List<SpanData> all() {
		return List.copyOf(spans);
	}

	/** The spans of one trace. */
	List<SpanData> of(String traceId) {
		return spans.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
	}
}
