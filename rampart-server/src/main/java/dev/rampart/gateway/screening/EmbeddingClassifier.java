package dev.rampart.gateway.screening;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.rampart.shared.embeddings.LocalEmbeddings;

/**
 * Similarity to the labelled {@code train} exemplars, whose embeddings are computed once. A window is
 * compared with every exemplar; the mean similarity of its {@value #NEAREST} nearest injections and
 * of its {@value #NEAREST} nearest harmless texts give a margin, and the score is a logistic of that
 * margin, damped when even the nearest injections are far (the text is unlike anything the set
 * knows, so the margin means little). The constants were chosen by 5-fold cross-validation on the
 * train split only (docs/prompt-screening.md).
 */
final class EmbeddingClassifier {

	/** How many nearest exemplars of each label are averaged. */
	static final int NEAREST = 3;
	/** The margin (injection minus harmless similarity) that scores one half, and how steeply the score rises around it. */
	private static final double MARGIN_CENTRE = 0.1;
	private static final double MARGIN_SCALE = 0.05;
	/** Below this mean similarity to the nearest injections a window scores nothing, above {@link #SURE} fully. */
	private static final double FAR = 0.3;
	private static final double SURE = 0.55;

	private final float[][] vectors;
	private final boolean[] injection;
	private final String[] kinds;

	EmbeddingClassifier(List<Exemplar> train, ScreeningNormalizer normalizer, LocalEmbeddings embeddings) {
		List<String> texts = train.stream().map(exemplar -> normalizer.normalize(exemplar.text()).text()).toList();
		this.vectors = embeddings.embedAll(texts).toArray(float[][]::new);
		this.injection = new boolean[train.size()];
		this.kinds = new String[train.size()];
		for (int i = 0; i < train.size(); i++) {
			injection[i] = train.get(i).injection();
			kinds[i] = train.get(i).kind();
		}
	}

	int size() {
		return vectors.length;
	}

	/** The score of one window's embedding and the kinds of its nearest injection exemplars. */
	Vote vote(float[] window) {
		double[] injections = new double[NEAREST];
		double[] benign = new double[NEAREST];
		Arrays.fill(injections, -1);
		Arrays.fill(benign, -1);
		int[] nearestInjections = new int[NEAREST];
		for (int i = 0; i < vectors.length; i++) {
			double similarity = dot(vectors[i], window);
			double[] top = injection[i] ? injections : benign;
			if (similarity > top[NEAREST - 1]) {
				int at = NEAREST - 1;
				while (at > 0 && top[at - 1] < similarity) {
					top[at] = top[at - 1];
					if (injection[i]) {
						nearestInjections[at] = nearestInjections[at - 1];
					}
					at--;
				}
				top[at] = similarity;
				if (injection[i]) {
					nearestInjections[at] = i;
				}
			}
		}
		double injectionSimilarity = mean(injections);
		double benignSimilarity = mean(benign);
		Set<String> injectionKinds = new LinkedHashSet<>();
		for (int i = 0; i < NEAREST; i++) {
			if (injections[i] > -1) {
				injectionKinds.add(kinds[nearestInjections[i]]);
			}
		}
		return new Vote(score(injectionSimilarity, benignSimilarity), injectionKinds, injectionSimilarity, benignSimilarity);
	}

	/** Closer to injections than to harmless texts, and close to them in absolute terms. */
	static double score(double injectionSimilarity, double benignSimilarity) {
		double margin = 1 / (1 + Math.exp(-(injectionSimilarity - benignSimilarity - MARGIN_CENTRE) / MARGIN_SCALE));
		double closeness = Math.clamp((injectionSimilarity - FAR) / (SURE - FAR), 0, 1);
		return margin * closeness;
	}

	private static double mean(double[] values) {
		double sum = 0;
		int n = 0;
		for (double value : values) {
			if (value > -1) {
				sum += value;
				n++;
			}
		}
		return n == 0 ? 0 : sum / n;
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	record Vote(double score, Set<String> kinds, double injectionSimilarity, double benignSimilarity) {
	}
}
