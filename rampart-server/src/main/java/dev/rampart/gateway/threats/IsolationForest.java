package dev.rampart.gateway.threats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An isolation forest (Liu, Ting and Zhou, 2008): each tree splits a random sub-sample on random
 * features at random values until every point stands alone or the height limit is reached. Points
 * unlike the rest are isolated after few splits, so the score {@code 2^(-E(h)/c(n))} of a point,
 * from its average path length {@code E(h)}, is near 1 for anomalies and at or below 0.5 for
 * ordinary points. Training is deterministic for a given seed. Immutable and safe to share.
 *
 * <p>One departure from the original: a split value is drawn from the node's range of the feature
 * widened by {@link #RANGE_EXTENSION} of its width on each side, not from the range itself. In the
 * original, a point far beyond every training value travels with the most extreme training points
 * and scores no higher than they do, so 100 failed sign-ins a minute would look like the busiest
 * normal address. With the widened range, some splits fall between the training points and such a
 * point and isolate it at once; the training points lose nothing but one level of depth.
 */
final class IsolationForest {

	private static final double EULER = 0.5772156649015329;
	static final double RANGE_EXTENSION = 0.25;

	private final List<Node> trees;
	private final double normalizer;

	private IsolationForest(List<Node> trees, int sampleSize) {
		this.trees = List.copyOf(trees);
		this.normalizer = averagePathLength(sampleSize);
	}

	/** A tree node: a split on one feature, or a leaf holding {@code size} training points. */
	private sealed interface Node {
	}

	private record Split(int feature, double value, Node below, Node atOrAbove) implements Node {
	}

	private record Leaf(int size) implements Node {
	}

	/**
	 * Grows {@code trees} trees, each on {@code sampleSize} points drawn without replacement from
	 * {@code data} (all of it when smaller). Every row must have the same length.
	 */
	static IsolationForest train(List<double[]> data, int trees, int sampleSize, long seed) {
		if (data.isEmpty()) {
			throw new IllegalArgumentException("an isolation forest needs training data");
		}
		SplittableRandom random = new SplittableRandom(seed);
		int size = Math.min(sampleSize, data.size());
		int heightLimit = (int) Math.ceil(Math.log(Math.max(2, size)) / Math.log(2));
		List<Node> grown = new ArrayList<>(trees);
		for (int t = 0; t < trees; t++) {
			grown.add(grow(sample(data, size, random), 0, heightLimit, random));
		}
		return new IsolationForest(grown, size);
	}

	/** The anomaly score of {@code point}, in (0, 1]; higher is more unusual. */
	double score(double[] point) {
		double total = 0;
		for (Node tree : trees) {
			total += pathLength(tree, point);
		}
		return Math.pow(2, -(total / trees.size()) / normalizer);
	}

	private static double pathLength(Node node, double[] point) {
		int depth = 0;
		Node current = node;
		while (current instanceof Split split) {
			current = point[split.feature()] < split.value() ? split.below() : split.atOrAbove();
			depth++;
		}
		return depth + averagePathLength(((Leaf) current).size());
	}

	private static Node grow(List<double[]> points, int depth, int heightLimit, SplittableRandom random) {
		if (depth >= heightLimit || points.size() <= 1) {
			return new Leaf(points.size());
		}
		int features = points.getFirst().length;
		int start = random.nextInt(features);
		for (int i = 0; i < features; i++) {
			int feature = (start + i) % features;
			double min = Double.POSITIVE_INFINITY;
			double max = Double.NEGATIVE_INFINITY;
			for (double[] p : points) {
				min = Math.min(min, p[feature]);
				max = Math.max(max, p[feature]);
			}
			if (max > min) {
				double width = max - min;
				double value = min - RANGE_EXTENSION * width + random.nextDouble() * (1 + 2 * RANGE_EXTENSION) * width;
				List<double[]> below = new ArrayList<>();
				List<double[]> above = new ArrayList<>();
				for (double[] p : points) {
					(p[feature] < value ? below : above).add(p);
				}
				return new Split(feature, value, grow(below, depth + 1, heightLimit, random),
						grow(above, depth + 1, heightLimit, random));
			}
		}
		return new Leaf(points.size()); // every remaining point is identical
	}

	private static List<double[]> sample(List<double[]> data, int size, SplittableRandom random) {
		int[] index = new int[data.size()];
		for (int i = 0; i < index.length; i++) {
			index[i] = i;
		}
		List<double[]> sample = new ArrayList<>(size);
		for (int i = 0; i < size; i++) { // partial Fisher-Yates
			int j = i + random.nextInt(index.length - i);
			int swap = index[i];
			index[i] = index[j];
			index[j] = swap;
			sample.add(data.get(index[i]));
		}
		return sample;
	}

	/** c(n): the average path length of an unsuccessful search in a binary search tree of n points. */
	static double averagePathLength(int n) {
		if (n <= 1) {
			return 0;
		}
		if (n == 2) {
			return 1;
		}
		return 2 * (Math.log(n - 1) + EULER) - 2.0 * (n - 1) / n;
	}
}
