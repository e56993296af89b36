package dev.rampart.gateway.threats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IsolationForestTest {

	private static List<double[]> cluster(int n, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		List<double[]> points = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			points.add(new double[] { random.nextDouble(-1, 1), random.nextDouble(-1, 1), random.nextDouble(-1, 1) });
		}
		return points;
	}

	@Test
	void pointsFarFromTheTrainingClusterScoreHigherThanPointsInsideIt() {
		IsolationForest forest = IsolationForest.train(cluster(2000, 1), 100, 256, 7);

		double inside = forest.score(new double[] { 0, 0, 0 });
		double edge = forest.score(new double[] { 1.5, 0, 0 });
		double far = forest.score(new double[] { 6, -6, 6 });

		assertThat(inside).isLessThan(0.5);
		assertThat(edge).isGreaterThan(inside);
		assertThat(far).isGreaterThan(edge).isGreaterThan(0.6);
	}

	@Test
	void everyOutlierScoresAboveEveryInlierOfAFreshSample() {
		IsolationForest forest = IsolationForest.train(cluster(2000, 1), 100, 256, 7);
		double worstInlier = cluster(200, 2).stream().mapToDouble(forest::score).max().orElseThrow();
		SplittableRandom random = new SplittableRandom(3);
		for (int i = 0; i < 50; i++) {
			double[] outlier = { 4 + random.nextDouble(4), -4 - random.nextDouble(4), random.nextDouble(-1, 1) };
			assertThat(forest.score(outlier)).isGreaterThan(worstInlier);
		}
	}

	@Test
	void theSameSeedGrowsTheSameForest() {
		List<double[]> data = cluster(500, 4);
		double[] probe = { 0.9, -0.2, 0.4 };

		assertThat(IsolationForest.train(data, 50, 128, 11).score(probe))
			.isEqualTo(IsolationForest.train(data, 50, 128, 11).score(probe));
	}

	@Test
	void identicalPointsAndTinySamplesStillScore() {
		List<double[]> same = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			same.add(new double[] { 1, 1 });
		}
		assertThat(IsolationForest.train(same, 10, 256, 1).score(new double[] { 1, 1 })).isBetween(0.0, 1.0);
		assertThat(IsolationForest.averagePathLength(2)).isEqualTo(1);
		assertThat(IsolationForest.averagePathLength(256)).isCloseTo(10.24, within(0.01));
	}
}
