package dev.rampart.gateway.screening;

import java.util.List;
import java.util.Set;

/**
 * A text as the screener matches it, never shown to anyone.
 *
 * @param text NFKC, invisible characters removed, look-alikes folded to Latin, digits of leetspeak words
 *        read as letters, spaced-out letters joined, lower case; line breaks kept
 * @param compact {@code text} with everything but letters and digits removed, for patterns that
 *        spacing or punctuation inside words would break
 * @param decoded texts hidden in base64, hex or URL-encoded runs, each normalized in turn
 * @param obfuscations the disguises found: {@code invisible-characters}, {@code mixed-script},
 *        {@code leetspeak}, {@code spaced-letters}
 */
record Normalized(String text, String compact, List<Decoded> decoded, Set<String> obfuscations) {

	/** A text found encoded inside another one. */
	record Decoded(String encoding, Normalized content) {
	}
}
