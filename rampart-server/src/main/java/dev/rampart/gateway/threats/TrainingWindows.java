package dev.rampart.gateway.threats;

import java.util.ArrayList;
import java.util.List;

/** The most recent feature vectors of one scope, a fixed-size ring: older windows make room for newer ones. */
final class TrainingWindows {

	private final double[][] ring;
	private int next;
	private int size;
	private long added;

	TrainingWindows(int capacity) {
		this.ring = new double[capacity][];
	}

	synchronized void add(double[] vector) {
		ring[next] = vector;
		next = (next + 1) % ring.length;
		size = Math.min(size + 1, ring.length);
		added++;
	}

	/** How many windows were ever added, including those that made room for newer ones. */
	synchronized long added() {
		return added;
	}

	synchronized int size() {
		return size;
	}

	synchronized List<double[]> snapshot() {
		List<double[]> copy = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			copy.add(ring[i]);
		}
		return copy;
	}
}
