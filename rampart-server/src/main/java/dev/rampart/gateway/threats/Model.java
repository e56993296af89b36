package dev.rampart.gateway.threats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A trained isolation forest with its threshold, the quantile of the scores of its own training
 * windows, and each feature's median and spread on them, which turn a flagged window into words.
 */
record Model(String name, IsolationForest forest, double threshold, double[] median, double[] spread, int windows) {

	private static final int REASONS = 3;
	private static final double NOTABLE = 2.0;
	/** Training windows scored to place the threshold; more cost time at every retraining and change little. */
	private static final int THRESHOLD_SAMPLE = 2048;

	static Model train(String name, List<double[]> data, int trees, int sampleSize, double quantile, long seed) {
		IsolationForest forest = IsolationForest.train(data, trees, sampleSize, seed);
		int step = Math.max(1, data.size() / THRESHOLD_SAMPLE);
		double[] scores = IntStream.range(0, data.size() / step).mapToDouble(i -> forest.score(data.get(i * step))).sorted()
			.toArray();
		double threshold = scores[Math.min(scores.length - 1, (int) Math.ceil(quantile * scores.length) - 1)];
		double[] median = new double[Feature.COUNT];
		double[] spread = new double[Feature.COUNT];
		for (int f = 0; f < Feature.COUNT; f++) {
			int feature = f;
			double[] values = data.stream().mapToDouble(v -> v[feature]).sorted().toArray();
			median[f] = quantile(values, 0.5);
			double[] deviations = Arrays.stream(values).map(x -> Math.abs(x - median[feature])).sorted().toArray();
			double range = quantile(values, 0.95) - quantile(values, 0.05);
			spread[f] = Math.max(Math.max(1.4826 * quantile(deviations, 0.5), 0.25 * range), 0.05);
		}
		return new Model(name, forest, threshold, median, spread, data.size());
	}

	/** The window's score relative to the threshold: 1 or more is anomalous. */
	double relativeScore(double[] vector) {
		return forest.score(vector) / threshold;
	}

	/** The features furthest above their median, in words (the furthest from it at all when none is far above). */
	List<String> reasons(double[] vector) {
		Comparator<Integer> byDeviation = Comparator.comparingDouble(f -> -(vector[f] - median[f]) / spread[f]);
		List<Integer> order = IntStream.range(0, Feature.COUNT).boxed().sorted(byDeviation).toList();
		List<String> reasons = new ArrayList<>();
		for (int f : order) {
			if (reasons.size() < REASONS && (vector[f] - median[f]) / spread[f] >= NOTABLE) {
				reasons.add(Feature.values()[f].describe(vector[f], median[f]));
			}
		}
		if (reasons.isEmpty()) {
			int furthest = IntStream.range(0, Feature.COUNT).boxed()
				.max(Comparator.comparingDouble(f -> Math.abs(vector[f] - median[f]) / spread[f]))
				.orElseThrow();
			reasons.add("an unusual combination; furthest from usual: "
					+ Feature.values()[furthest].describe(vector[furthest], median[furthest]));
		}
		return reasons;
	}

	private static double quantile(double[] sorted, double q) {
		return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.round(q * (sorted.length - 1))))];
	}
}
