package dev.rampart.gateway.screening;

import java.util.ArrayList;
import java.util.List;

/**
 * Literal words one of which must appear in a text for a rule's pattern to match there, read off the pattern's start,
 * so most rules are skipped with a few {@code String.contains} instead of running their regular expression over the
 * whole text (the heuristics were the largest Java hotspot of a model call, docs/BENCHMARKS.md). Conservative: a
 * pattern (or, for a top-level {@code a|b}, any branch) whose start is not plain literal text or a group of literal
 * alternatives gets no triggers and always runs. {@code HeuristicsTriggersTest} checks on every exemplar that the triggers change no result.
 */
final class Triggers {

	private static final int MIN_LENGTH = 2;

	private Triggers() {
	}

	/** The trigger literals of {@code regex}, or an empty list when it must always run. */
	static List<String> of(String regex) {
		List<String> branches = splitTopLevel(regex);
		if (branches.size() == 1) {
			return ofBranch(regex);
		}
		// a | b matches only where a or b does: the triggers of every branch, when each has some
		List<String> triggers = new ArrayList<>();
		for (String branch : branches) {
			List<String> own = ofBranch(branch);
			if (own.isEmpty()) {
				return List.of();
			}
			triggers.addAll(own);
		}
		return List.copyOf(triggers);
	}

	private static List<String> ofBranch(String regex) {
		int at = regex.startsWith("\\b") ? 2 : 0;
		if (regex.startsWith("(?:", at)) {
			int close = closingParen(regex, at);
			if (close < 0 || quantified(regex, close + 1)) {
				return List.of();
			}
			List<String> alternatives = splitTopLevel(regex.substring(at + 3, close));
			List<String> triggers = new ArrayList<>();
			for (String alternative : alternatives) {
				String literal = leadingLiteral(alternative, 0);
				if (literal.length() < MIN_LENGTH) {
					return List.of();
				}
				triggers.add(literal);
			}
			return List.copyOf(triggers);
		}
		String literal = leadingLiteral(regex, at);
		return literal.length() < MIN_LENGTH ? List.of() : List.of(literal);
	}

	/** The plain characters at {@code from}, without a last one a quantifier applies to. */
	private static String leadingLiteral(String regex, int from) {
		StringBuilder literal = new StringBuilder();
		int i = from;
		while (i < regex.length() && plain(regex.charAt(i))) {
			literal.append(regex.charAt(i));
			i++;
		}
		if (i < regex.length() && quantified(regex, i) && !literal.isEmpty()) {
			literal.setLength(literal.length() - 1);
		}
		return literal.toString();
	}

	private static boolean plain(char c) {
		return Character.isLetterOrDigit(c) || c == ' ' || c == '\'' || c == '-' || c == '_' || c == ',' || c == ':';
	}

	private static boolean quantified(String regex, int i) {
		if (i >= regex.length()) {
			return false;
		}
		char c = regex.charAt(i);
		return c == '?' || c == '*' || c == '+' || c == '{';
	}

	/** The index of the ')' closing the '(' at {@code open}, or -1. */
	private static int closingParen(String regex, int open) {
		int[] depths = depths(regex);
		for (int i = open + 1; i < regex.length(); i++) {
			if (regex.charAt(i) == ')' && depths[i] == depths[open]) {
				return i;
			}
		}
		return -1;
	}

	/** {@code body} split at its '|' outside groups and classes. */
	private static List<String> splitTopLevel(String body) {
		int[] depths = depths(body);
		List<String> parts = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < body.length(); i++) {
			if (body.charAt(i) == '|' && depths[i] == 0) {
				parts.add(body.substring(start, i));
				start = i + 1;
			}
		}
		parts.add(body.substring(start));
		return parts;
	}

	/**
	 * For each character of {@code regex}, the group depth it stands at when it is structural — a '(' and its ')'
	 * get the same depth, the depth outside them — or -1 when it is escaped or inside a character class.
	 */
	private static int[] depths(String regex) {
		int[] depths = new int[regex.length()];
		int depth = 0;
		boolean inClass = false;
		for (int i = 0; i < regex.length(); i++) {
			char c = regex.charAt(i);
			depths[i] = -1;
			if (c == '\\') {
				if (i + 1 < regex.length()) {
					depths[++i] = -1;
				}
			}
			else if (inClass) {
				inClass = c != ']';
			}
			else if (c == '[') {
				inClass = true;
			}
			else if (c == '(') {
				depths[i] = depth++;
			}
			else if (c == ')') {
				depths[i] = --depth;
			}
			else {
				depths[i] = depth;
			}
		}
		return depths;
	}
}
