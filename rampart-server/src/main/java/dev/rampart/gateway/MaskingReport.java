package dev.rampart.gateway;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** How many spans of each category were masked (fully or partially); never the values themselves. */
public record MaskingReport(Map<MaskingCategory, Integer> counts) {

	public MaskingReport {
		EnumMap<MaskingCategory, Integer> copy = new EnumMap<>(MaskingCategory.class);
		copy.putAll(counts);
		counts = Collections.unmodifiableMap(copy);
	}

	public static MaskingReport of(int[] countsByOrdinal) {
		EnumMap<MaskingCategory, Integer> counts = new EnumMap<>(MaskingCategory.class);
		for (MaskingCategory category : MaskingCategory.values()) {
			if (countsByOrdinal[category.ordinal()] > 0) {
				counts.put(category, countsByOrdinal[category.ordinal()]);
			}
		}
		return new MaskingReport(counts);
	}

	public int count(MaskingCategory category) {
		return counts.getOrDefault(category, 0);
	}

	public int total() {
		return counts.values().stream().mapToInt(Integer::intValue).sum();
	}
}
