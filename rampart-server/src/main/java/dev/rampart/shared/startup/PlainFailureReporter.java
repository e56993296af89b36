package dev.rampart.shared.startup;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Prints the reason start-up failed as plain text on stderr, so an operator reading structured
 * JSON logs (or none) still sees it at a glance.
 */
final class PlainFailureReporter implements FailureAnalysisReporter {

	@Override
	public void report(FailureAnalysis analysis) {
		System.err.println();
		System.err.println("Rampart could not start: " + analysis.getDescription());
		if (analysis.getAction() != null && !analysis.getAction().isBlank()) {
			System.err.println("What to do: " + analysis.getAction());
		}
	}
}
