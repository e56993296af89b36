package dev.rampart.executions.internal;

import dev.rampart.executions.RunsProperties.MemoryPressure;

/**
 * The state machine of memory-pressure admission (docs/runs.md, "Memory pressure"), fed one heap sample at a time: at or
 * above {@code high} for {@code sustain} samples in a row the limit halves, and halves again at every further high
 * sample, down to {@code minimum}; below {@code low} it doubles per sample back to {@code workers}; in between, and for
 * an unknown sample, it holds. Not thread-safe: one sampler feeds it.
 */
final class AdmissionLimit {

	private final int workers;
	private final int floor;
	private final MemoryPressure settings;
	private int limit;
	private int highs;

	AdmissionLimit(int workers, MemoryPressure settings) {
		this.workers = workers;
		this.floor = Math.min(settings.minimum(), workers);
		this.settings = settings;
		this.limit = workers;
	}

	/** Takes one sample of the heap's occupancy (0–1) and answers the limit after it. */
	int sample(double occupancy) {
		if (Double.isNaN(occupancy)) {
			return limit;
		}
		if (occupancy >= settings.high()) {
			highs++;
			if (highs >= settings.sustain()) {
				limit = Math.max(floor, limit / 2);
			}
		}
		else {
			highs = 0;
			if (occupancy < settings.low() && limit < workers) {
				limit = Math.min(workers, Math.max(1, limit) * 2);
			}
		}
		return limit;
	}

	int limit() {
		return limit;
	}

	int workers() {
		return workers;
	}
}
