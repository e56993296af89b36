package dev.rampart.memory.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The importance of a memory saved without one: a cheap heuristic (no model call) that favours what a user asked to
 * keep, facts with numbers or names, and texts long enough to say something (docs/memory.md, "Importance"):
 * <pre>
 * 0.30 base
 * + 0.30 a cue: remember, always, never, prefer(s), important, must, allergic, my name, call me, don't, do not
 * + 0.10 a digit (a date, an amount, an id)
 * + 0.10 a capitalised word after the first word (a name, a place, a product)
 * + 0.10 length 40..1,000 characters; − 0.10 under 15 characters
 * clamped to 0.05..1
 * </pre>
 * It does not understand the text: a long, capitalised, irrelevant text scores higher than a short important one
 * without a cue. Callers who know better pass an importance.
 */
final class Importance {

	private static final Pattern CUE = Pattern.compile(
			"\\b(remember|always|never|prefers?|preferred|important|must|allergic|my name|call me|don't|do not)\\b");

	private static final Pattern DIGIT = Pattern.compile("\\p{Nd}");

	private static final Pattern LATER_CAPITAL = Pattern.compile("\\s\\p{Lu}\\p{Ll}+");

	private Importance() {
	}

	static float estimate(String text) {
		double score = 0.30;
		if (CUE.matcher(text.toLowerCase(Locale.ROOT)).find()) {
			score += 0.30;
		}
		if (DIGIT.matcher(text).find()) {
			score += 0.10;
		}
		if (LATER_CAPITAL.matcher(text.strip()).find()) {
			score += 0.10;
		}
		int length = text.strip().length();
		if (length >= 40 && length <= 1_000) {
			score += 0.10;
		}
		else if (length < 15) {
			score -= 0.10;
		}
		return (float) Math.clamp(score, 0.05, 1.0);
	}
}
