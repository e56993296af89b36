package dev.rampart.gateway.threats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.rampart.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every closed window and hands the anomalous ones to the sink. Unflagged windows train the
 * next models and update each key's usual levels; flagged ones never do, so an attack does not
 * teach the model that it is normal. A tenant-level window is not reported when one of the tenant's
 * principals was flagged in the same window: the principal's anomaly already says it.
 */
final class ThreatDetector {

	private static final Logger log = LoggerFactory.getLogger(ThreatDetector.class);

	private final ThreatRecorder recorder;
	private final ThreatModels models;
	private final Usuals usuals;
	private final AnomalySink sink;

	ThreatDetector(ThreatRecorder recorder, ThreatModels models, Usuals usuals, AnomalySink sink) {
		this.recorder = recorder;
		this.models = models;
		this.usuals = usuals;
		this.sink = sink;
	}

	/** What one closing saw: every window scored, and those reported. */
	record Round(List<ClosedWindow> closed, List<Finding> flagged) {
	}

	/** Closes the windows that ended, scores them and reacts. */
	synchronized Round closeWindows() {
		List<ClosedWindow> closed = new ArrayList<>(recorder.drainClosed());
		closed.sort(Comparator.comparing(ClosedWindow::start)
			.thenComparing(ClosedWindow::level)
			.thenComparing(w -> w.tenant().value())
			.thenComparing(ClosedWindow::key)); // a fixed order: training, and so scoring, are reproducible
		List<Finding> flagged = new ArrayList<>();
		Set<TenantWindow> flaggedTenants = new HashSet<>();
		for (ClosedWindow window : closed) {
			double[] vector = Feature.vector(window.counts(), usuals.of(window));
			ThreatModels.Verdict verdict = models.score(window.level(), window.tenant(), vector);
			if (!verdict.anomalous()) {
				models.learn(window.level(), window.tenant(), vector);
				usuals.learn(window);
				continue;
			}
			TenantWindow tenantWindow = new TenantWindow(window.tenant(), window.start().toEpochMilli());
			if (window.level() == Level.PRINCIPAL) {
				flaggedTenants.add(tenantWindow);
			}
			else if (flaggedTenants.contains(tenantWindow)) {
				continue;
			}
			flagged.add(new Finding(window, vector, verdict));
		}
		for (Finding finding : flagged) {
			try {
				sink.raised(finding);
			}
			catch (RuntimeException ex) {
				log.error("Could not react to the anomaly of {} in tenant {}", finding.window().key(), finding.window().tenant(), ex);
			}
		}
		return new Round(closed, flagged);
	}

	void retrain() {
		models.retrain();
	}

	private record TenantWindow(TenantId tenant, long start) {
	}
}
