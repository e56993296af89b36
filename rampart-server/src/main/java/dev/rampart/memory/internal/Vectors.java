package dev.rampart.memory.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.rampart.memory.VectorMatch;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;

/**
 * Turns caller vectors into unit-length jvector vectors. Normalising once on the way in lets the graph use the dot
 * product, which equals cosine similarity for unit vectors and is cheaper than jvector's cosine (no norms per pair).
 */
final class Vectors {

	static final VectorTypeSupport TYPES = VectorizationProvider.getInstance().getVectorTypeSupport();

	private Vectors() {
	}

	static VectorFloat<?> unit(float[] vector, int dimension) {
		if (vector.length != dimension) {
			throw new IllegalArgumentException("vector has " + vector.length + " dimensions, the index " + dimension);
		}
		double sum = 0;
		for (float v : vector) {
			sum += (double) v * v;
		}
		if (!(sum > 0) || Double.isInfinite(sum)) {
			throw new IllegalArgumentException("vector is all zeros or not finite");
		}
		float scale = (float) (1 / Math.sqrt(sum));
		float[] copy = new float[dimension];
		for (int i = 0; i < dimension; i++) {
			copy[i] = vector[i] * scale;
		}
		return TYPES.createFloatVector(copy);
	}

	/** jvector scores dot products as {@code (1 + dot) / 2}; this undoes it. */
	static float cosine(float score) {
		return 2 * score - 1;
	}

	/** A graph search's nodes as matches: the node's id from {@code ids} (by node number) and its cosine similarity. */
	static List<VectorMatch> matches(SearchResult result, List<UUID> ids) {
		List<VectorMatch> matches = new ArrayList<>(result.getNodes().length);
		for (SearchResult.NodeScore node : result.getNodes()) {
			matches.add(new VectorMatch(ids.get(node.node), cosine(node.score)));
		}
		return matches;
	}

	static float[] toArray(VectorFloat<?> vector) {
		float[] array = new float[vector.length()];
		for (int i = 0; i < array.length; i++) {
			array[i] = vector.get(i);
		}
		return array;
	}
}
