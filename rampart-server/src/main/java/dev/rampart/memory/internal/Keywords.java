package dev.rampart.memory.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keyword side of a blended search: the words of a text (runs of letters and digits, lower case, at least two
 * characters) and the share of a query's distinct words that a memory contains. Deliberately simple (no stemming, no
 * stop words), and computed in Java over the vector candidates: under forced row-level security PostgreSQL would not
 * use a text search index for it (docs/memory.md).
 */
final class Keywords {

	/** At most this many query words are used; a longer query is a sentence, not keywords. */
	static final int MAX_TERMS = 32;

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{Nd}]{2,}");

	private Keywords() {
	}

	static Set<String> terms(String text, int max) {
		Set<String> terms = new LinkedHashSet<>();
		Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (matcher.find() && terms.size() < max) {
			terms.add(matcher.group());
		}
		return terms;
	}

	/** Share (0..1) of {@code queryTerms} among the words of {@code text}. */
	static float overlap(Set<String> queryTerms, String text) {
		if (queryTerms.isEmpty()) {
			return 0;
		}
		Set<String> words = terms(text, Integer.MAX_VALUE);
		long found = queryTerms.stream().filter(words::contains).count();
		return (float) found / queryTerms.size();
	}
}
