package dev.rampart.gateway.screening;

import java.util.Locale;

/** Counts of one evaluation: injections caught (tp) and missed (fn), harmless texts passed (tn) and refused (fp). */
final class Confusion {

	int tp;
	int fp;
	int tn;
	int fn;

	void add(boolean injection, boolean flagged) {
		if (injection) {
			if (flagged) {
				tp++;
			}
			else {
				fn++;
			}
		}
		else if (flagged) {
			fp++;
		}
		else {
			tn++;
		}
	}

	double precision() {
		return tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
	}

	double recall() {
		return tp + fn == 0 ? Double.NaN : tp / (double) (tp + fn);
	}

	double falsePositiveRate() {
		return fp + tn == 0 ? Double.NaN : fp / (double) (fp + tn);
	}

	int size() {
		return tp + fp + tn + fn;
	}

	String row(String name) {
		return String.format(Locale.ROOT, "| %-16s | %3d | %3d | %3d | %3d | %3d | %9s | %6s | %8s |", name, size(), tp, fn, tn, fp,
				format(precision()), format(recall()), format(falsePositiveRate()));
	}

	static String header() {
		return "| kind             |   n |  tp |  fn |  tn |  fp | precision | recall | FP rate  |\n"
				+ "|---|--:|--:|--:|--:|--:|--:|--:|--:|";
	}

	private static String format(double value) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.3f", value);
	}
}
