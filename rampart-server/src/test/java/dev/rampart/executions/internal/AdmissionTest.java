package dev.rampart.executions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.rampart.executions.RunAdmissionChanged;
import dev.rampart.executions.RunsProperties;
import dev.rampart.executions.RunsProperties.MemoryPressure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * Memory-pressure admission's state machine fed injected heap samples: it throttles only after {@code sustain} high
 * samples, halves per further high sample down to the minimum, holds between the thresholds, recovers step-wise below
 * {@code low}, and says so (gauges, events, a wake-up of the dispatcher when it recovers).
 */
class AdmissionTest {

	private static final MemoryPressure PRESSURE = new MemoryPressure(true, 0.85, 0.70, Duration.ofSeconds(5), 3, 1);

	@Test
	void theLimitHalvesOnlyAfterSustainedHighSamplesAndRecoversStepWiseBelowLow() {
		AdmissionLimit limit = new AdmissionLimit(16, PRESSURE);

		assertThat(samples(limit, 0.90, 0.90)).containsExactly(16, 16);
		assertThat(samples(limit, 0.50)).as("a low sample breaks the streak").containsExactly(16);
		assertThat(samples(limit, 0.90, 0.95, 0.86, 0.99, 0.90, 0.90, 0.90)).containsExactly(16, 16, 8, 4, 2, 1, 1);
		assertThat(samples(limit, 0.80, 0.75, 0.70)).as("between low and high it holds").containsExactly(1, 1, 1);
		assertThat(samples(limit, 0.60, Double.NaN, 0.60, 0.60, 0.60, 0.60)).containsExactly(2, 2, 4, 8, 16, 16);
	}

	@Test
	void theMinimumIsKeptAndNeverAboveTheWorkers() {
		AdmissionLimit limit = new AdmissionLimit(16, new MemoryPressure(true, 0.85, 0.70, Duration.ofSeconds(5), 1, 3));
		assertThat(samples(limit, 0.9, 0.9, 0.9, 0.9)).containsExactly(8, 4, 3, 3);
		AdmissionLimit few = new AdmissionLimit(2, new MemoryPressure(true, 0.85, 0.70, Duration.ofSeconds(5), 1, 4));
		assertThat(samples(few, 0.9, 0.1)).containsExactly(2, 2);
	}

	@Test
	void aChangeIsPublishedMeasuredAndARecoveryWakesTheDispatcher() {
		double[] heap = { 0.95 };
		List<Object> published = new ArrayList<>();
		RunSignals signals = new RunSignals();
		List<String> wakes = new ArrayList<>();
		signals.receiveWith(new RunSignals.Receiver() {
			@Override
			public void wake() {
				wakes.add("wake");
			}

			@Override
			public void cancel(UUID runId) {
			}
		});
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		Admission admission = new Admission(() -> heap[0], new RunsProperties(4, 2, Duration.ofSeconds(30),
				Duration.ofSeconds(10), Duration.ofSeconds(1), "node-a", new MemoryPressure(true, 0.85, 0.70,
						Duration.ofSeconds(5), 2, 1)), signals, published::add, meters, Clock.systemUTC());
		admission.start("node-a");
		admission.stop();

		admission.sample();
		assertThat(published).isEmpty();
		admission.sample();
		assertThat(admission.limit()).isEqualTo(2);
		assertThat(meters.get("rampart.runs.admission.limit").gauge().value()).isEqualTo(2);
		assertThat(meters.get("rampart.runs.heap.occupancy").gauge().value()).isEqualTo(0.95);
		assertThat(published).singleElement().isInstanceOfSatisfying(RunAdmissionChanged.class, changed -> {
			assertThat(changed.node()).isEqualTo("node-a");
			assertThat(changed.limit()).isEqualTo(2);
			assertThat(changed.workers()).isEqualTo(4);
			assertThat(changed.throttled()).isTrue();
		});
		assertThat(wakes).isEmpty();

		heap[0] = 0.40;
		admission.sample();

		assertThat(admission.limit()).isEqualTo(4);
		assertThat(published).hasSize(2).last().isInstanceOfSatisfying(RunAdmissionChanged.class,
				changed -> assertThat(changed.throttled()).isFalse());
		assertThat(wakes).containsExactly("wake");
	}

	@Test
	void lowMustBeBelowHigh() {
		assertThatThrownBy(() -> new MemoryPressure(true, 0.70, 0.70, Duration.ofSeconds(5), 3, 1))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low");
	}

	@Test
	void theJvmGaugeAnswersAnOccupancy() {
		assertThat(new MemoryPoolGauge().occupancy()).isBetween(0.0, 1.0);
	}

	private static List<Integer> samples(AdmissionLimit limit, double... occupancies) {
		List<Integer> limits = new ArrayList<>();
		for (double occupancy : occupancies) {
			limits.add(limit.sample(occupancy));
		}
		return limits;
	}
}
