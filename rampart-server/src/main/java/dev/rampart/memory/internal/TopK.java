package dev.rampart.memory.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.function.IntFunction;

import dev.rampart.memory.VectorMatch;

/** The k best (ordinal, score) pairs of an exact scan, for indexes too small to be worth a graph walk. */
final class TopK {

	private record Scored(int ordinal, float score) {
	}

	private final int k;

	private final PriorityQueue<Scored> worstFirst;

	TopK(int k) {
		this.k = Math.max(k, 0);
		this.worstFirst = new PriorityQueue<>(Math.max(this.k, 1), (a, b) -> Float.compare(a.score, b.score));
	}

	void offer(int ordinal, float score) {
		if (worstFirst.size() < k) {
			worstFirst.add(new Scored(ordinal, score));
		}
		else if (k > 0 && score > worstFirst.peek().score) {
			worstFirst.poll();
			worstFirst.add(new Scored(ordinal, score));
		}
	}

	List<VectorMatch> matches(IntFunction<UUID> idOf) {
		List<Scored> best = new ArrayList<>(worstFirst);
		best.sort((a, b) -> Float.compare(b.score, a.score));
		return best.stream().map(s -> new VectorMatch(idOf.apply(s.ordinal), Vectors.cosine(s.score))).toList();
	}
}
