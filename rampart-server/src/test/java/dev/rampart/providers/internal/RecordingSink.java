package dev.rampart.providers.internal;

import java.util.ArrayList;
import java.util.List;

import dev.rampart.providers.spi.StreamEnd;
import dev.rampart.providers.spi.StreamSink;
import dev.rampart.shared.RampartException;

/** The client end of a stream in unit tests: keeps every delta, end and failure it is given. */
final class RecordingSink implements StreamSink {

	final List<String> deltas = new ArrayList<>();
	final List<StreamEnd> ends = new ArrayList<>();
	final List<RampartException> failures = new ArrayList<>();

	@Override
	public void delta(String text) {
		deltas.add(text);
	}

	@Override
	public void end(StreamEnd end) {
		ends.add(end);
	}

	@Override
	public void fail(RampartException failure) {
		failures.add(failure);
	}
}
