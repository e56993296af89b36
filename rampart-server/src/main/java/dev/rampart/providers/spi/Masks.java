package dev.rampart.providers.spi;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Masked counts by category name, kept sorted so answers read the same every time. */
final class Masks {

	private Masks() {
	}

	static Map<String, Integer> copy(Map<String, Integer> counts) {
		return Collections.unmodifiableMap(new TreeMap<>(counts));
	}

	static Map<String, Integer> merge(Map<String, Integer> counts, Map<String, Integer> more) {
		TreeMap<String, Integer> merged = new TreeMap<>(counts);
		more.forEach((category, count) -> merged.merge(category, count, Integer::sum));
		return Collections.unmodifiableMap(merged);
	}
}
