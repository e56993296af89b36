package dev.rampart.gateway.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a text into overlapping windows of two sentences for the embedding classifier, so that one
 * injected sentence in a long document is judged nearly on its own instead of being averaged away.
 * A sentence longer than {@value #MAX_CHARS} characters is cut into overlapping pieces. When a text
 * makes more windows than allowed, windows spread evenly over it are kept (first and last included).
 */
final class Windows {

	static final int MAX_CHARS = 400;
	private static final int OVERLAP = 80;
	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;。！？])\\s+|\\s*\\n+\\s*|(?<=[。！？])");

	private Windows() {
	}

	/** At most {@code max} windows; the whole text as one window when it is a single short sentence. */
	static List<String> of(String text, int max) {
		List<String> sentences = new ArrayList<>();
		for (String sentence : SENTENCE_END.split(text)) {
			String trimmed = sentence.strip();
			if (!trimmed.isEmpty()) {
				pieces(trimmed, sentences);
			}
		}
		List<String> windows = new ArrayList<>();
		if (sentences.size() <= 1) {
			windows.addAll(sentences);
		}
		for (int i = 0; i + 1 < sentences.size(); i++) {
			String pair = sentences.get(i) + " " + sentences.get(i + 1);
			windows.add(pair.length() <= MAX_CHARS + OVERLAP ? pair : sentences.get(i));
			if (i + 2 == sentences.size() && pair.length() > MAX_CHARS + OVERLAP) {
				windows.add(sentences.get(i + 1));
			}
		}
		return spread(windows, max);
	}

	private static void pieces(String sentence, List<String> into) {
		if (sentence.length() <= MAX_CHARS) {
			into.add(sentence);
			return;
		}
		for (int start = 0; start < sentence.length(); start += MAX_CHARS - OVERLAP) {
			into.add(sentence.substring(start, Math.min(sentence.length(), start + MAX_CHARS)));
			if (start + MAX_CHARS >= sentence.length()) {
				break;
			}
		}
	}

	private static List<String> spread(List<String> windows, int max) {
		if (windows.size() <= max) {
			return windows;
		}
		if (max == 1) {
			return List.of(windows.getFirst());
		}
		List<String> kept = new ArrayList<>(max);
		for (int i = 0; i < max; i++) {
			kept.add(windows.get((int) Math.round(i * (windows.size() - 1) / (double) (max - 1))));
		}
		return kept;
	}
}
