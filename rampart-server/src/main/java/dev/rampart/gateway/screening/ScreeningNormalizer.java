package dev.rampart.gateway.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rampart.shared.Text;

/**
 * Undoes the disguises that hide an instruction from patterns and from the embedding model:
 * compatibility characters (NFKC, {@link Text#normalizeForScreening}), zero-width and other invisible
 * characters, Cyrillic and Greek look-alikes inside Latin words, leetspeak, letters spaced out or
 * separated by punctuation, and base64, hex or URL-encoded runs (decoded and normalized again, two
 * levels deep at most).
 */
final class ScreeningNormalizer {

	/** Format (zero-width, bidi), unassigned, private-use and surrogate code points. */
	private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Cn}\\p{Co}\\p{Cs}]");
	private static final Pattern LETTER_INVISIBLE_LETTER = Pattern.compile("\\p{L}[\\p{Cf}]+\\p{L}");
	/** Control characters but the line break, and the Unicode separators: spaces. */
	private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n]]|[\\u2028\\u2029]");
	private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[\\p{Zs}\\t]+");
	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");
	/** Three or more single letters each followed by one separator: "i g n o r e", "i.g.n.o.r.e", "i-g-n-o-r-e". */
	private static final Pattern SPACED = Pattern.compile("(?<![\\p{L}\\p{N}])(?:\\p{L}[ .\\-_*·|/+]){2,}\\p{L}(?![\\p{L}\\p{N}])");
	private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^\\p{L}\\p{N}]+");
	private static final int MAX_DEPTH = 2;

	private final Decoders decoders = new Decoders();

	Normalized normalize(String raw) {
		return normalize(raw, 0);
	}

	private Normalized normalize(String raw, int depth) {
		Set<String> obfuscations = new TreeSet<>();
		String nfkc = Text.normalizeForScreening(raw);
		if (LETTER_INVISIBLE_LETTER.matcher(nfkc).find()) {
			obfuscations.add("invisible-characters");
		}
		String visible = CONTROL.matcher(INVISIBLE.matcher(nfkc).replaceAll("")).replaceAll(" ");
		List<Normalized.Decoded> decoded = new ArrayList<>();
		if (depth < MAX_DEPTH) {
			for (Decoders.Found found : decoders.find(visible)) {
				decoded.add(new Normalized.Decoded(found.encoding(), normalize(found.text(), depth + 1)));
			}
		}
		String folded = foldWords(visible, obfuscations).toLowerCase(Locale.ROOT);
		// before spaces collapse: "i g n o r e   a l l" keeps its wider gap between words
		String joined = HORIZONTAL_SPACE.matcher(joinSpacedLetters(folded, obfuscations)).replaceAll(" ");
		String compact = NOT_ALPHANUMERIC.matcher(joined).replaceAll("");
		return new Normalized(joined.strip(), compact, List.copyOf(decoded), Set.copyOf(obfuscations));
	}

	/** Folds look-alikes in mixed-script words (and in all-look-alike words of a mostly Latin text), reads leetspeak digits. */
	private static String foldWords(String text, Set<String> obfuscations) {
		boolean mostlyLatin = mostlyLatin(text);
		Matcher words = WORD.matcher(text);
		StringBuilder out = new StringBuilder(text.length());
		int last = 0;
		while (words.find()) {
			out.append(text, last, words.start());
			out.append(foldWord(words.group(), mostlyLatin, obfuscations));
			last = words.end();
		}
		return out.append(text, last, text.length()).toString();
	}

	private static String foldWord(String word, boolean mostlyLatin, Set<String> obfuscations) {
		int latin = 0;
		int confusable = 0;
		int letters = 0;
		int leet = 0;
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			if (Character.isLetter(c)) {
				letters++;
				if (c < 0x250) {
					latin++;
				}
				else if (Confusables.latinFor(c) != 0) {
					confusable++;
				}
			}
			else if (leetLetter(c) != 0) {
				leet++;
			}
		}
		boolean fold = confusable > 0 && (latin > 0 || (confusable == letters && mostlyLatin));
		boolean unleet = leet > 0 && letters > 0 && latin + confusable == letters && leet + letters == word.length();
		if (!fold && !unleet) {
			return word;
		}
		if (fold) {
			obfuscations.add("mixed-script");
		}
		if (unleet && leet >= 2) {
			obfuscations.add("leetspeak");
		}
		StringBuilder out = new StringBuilder(word.length());
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			char latinLetter = fold ? Confusables.latinFor(c) : 0;
			char fromDigit = unleet ? leetLetter(c) : 0;
			out.append(latinLetter != 0 ? latinLetter : fromDigit != 0 ? fromDigit : c);
		}
		return out.toString();
	}

	private static char leetLetter(char c) {
		return switch (c) {
			case '0' -> 'o';
			case '1' -> 'i';
			case '3' -> 'e';
			case '4' -> 'a';
			case '5' -> 's';
			case '7' -> 't';
			default -> 0;
		};
	}

	private static boolean mostlyLatin(String text) {
		return latinShare(text) > 0.5;
	}

	/** The share of the text's letters that are Latin (below U+0250); 1 for a text without letters. */
	static double latinShare(String text) {
		int latin = 0;
		int letters = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isLetter(c)) {
				letters++;
				if (c < 0x250) {
					latin++;
				}
			}
		}
		return letters == 0 ? 1 : (double) latin / letters;
	}

	private static String joinSpacedLetters(String text, Set<String> obfuscations) {
		Matcher spaced = SPACED.matcher(text);
		if (!spaced.find()) {
			return text;
		}
		obfuscations.add("spaced-letters");
		StringBuilder out = new StringBuilder(text.length());
		int last = 0;
		do {
			out.append(text, last, spaced.start());
			String run = spaced.group();
			for (int i = 0; i < run.length(); i += 2) {
				out.append(run.charAt(i));
			}
			last = spaced.end();
		}
		while (spaced.find());
		return out.append(text, last, text.length()).toString();
	}
}
