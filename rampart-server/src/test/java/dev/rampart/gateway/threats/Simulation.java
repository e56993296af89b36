package dev.rampart.gateway.threats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.rampart.MovableClock;
import dev.rampart.gateway.ThreatProperties;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link TrafficGenerator} through the real recorder, feature extraction and models, minute
 * by minute on a {@link MovableClock}: hours of traffic in seconds, with no HTTP and no database.
 */
final class Simulation {

	static final Instant MIDNIGHT = Instant.parse("2026-11-02T00:00:00Z");

	private final MovableClock clock = new MovableClock(MIDNIGHT);
	private final ThreatProperties properties;
	private final ThreatRecorder recorder;
	private final ThreatDetector detector;
	private final ThreatModels models;

	Simulation(ThreatProperties properties, Map<Level, List<double[]>> seed) {
		this.properties = properties;
		this.recorder = new ThreatRecorder(clock, properties.window(), properties.maxKeys());
		this.models = new ThreatModels(properties, seed);
		this.detector = new ThreatDetector(recorder, models, new Usuals(clock, properties.maxKeys()), finding -> {
		});
	}

	/**
	 * Runs {@code minutes} minutes of {@code traffic}; after each minute the closed windows are scored
	 * and {@code scored} sees each with its verdict (the finding, or null) and its minute.
	 */
	void run(TrafficGenerator traffic, int minutes, Scored scored) {
		long retrainEvery = properties.retrainInterval().toMinutes();
		for (int minute = 0; minute < minutes; minute++) {
			clock.advance(Duration.ofSeconds(30));
			traffic.minute(minute, new TrafficGenerator.Sink() {
				@Override
				public void request(@Nullable TenantId tenant, String key, int status, String resource, long bytesOut,
						boolean runCreation) {
					recorder.request(tenant, key, status, resource, bytesOut, runCreation);
				}

				@Override
				public void tokens(TenantId tenant, String key, long tokens) {
					recorder.tokensSpent(tenant, key, tokens);
				}
			});
			clock.advance(Duration.ofSeconds(30));
			ThreatDetector.Round round = detector.closeWindows();
			for (ClosedWindow window : round.closed()) {
				Finding finding = round.flagged().stream().filter(f -> f.window() == window).findFirst().orElse(null);
				scored.accept(window, finding, minute);
			}
			if ((minute + 1) % retrainEvery == 0) {
				detector.retrain();
			}
		}
	}

	int tenantModels() {
		return models.tenantModels();
	}

	/** One scored window. */
	@FunctionalInterface
	interface Scored {

		void accept(ClosedWindow window, @Nullable Finding finding, int minute);
	}
}
