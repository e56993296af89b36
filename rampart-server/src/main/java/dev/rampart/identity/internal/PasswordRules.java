package dev.rampart.identity.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.rampart.identity.PasswordPolicy;
import dev.rampart.identity.PasswordProperties;
import dev.rampart.secrets.SecretValue;
import org.jspecify.annotations.Nullable;

/** {@link PasswordPolicy} with the lengths of {@link PasswordProperties} and the bundled {@link CommonPasswords}. */
final class PasswordRules implements PasswordPolicy {

	/** Shorter parts of a name or e-mail address ("Li", "bob") are too likely to occur by chance. */
	static final int MIN_PERSONAL_PART = 4;

	private final PasswordProperties properties;
	private final CommonPasswords common;

	PasswordRules(PasswordProperties properties, CommonPasswords common) {
		this.properties = properties;
		this.common = common;
	}

	@Override
	public List<String> problems(SecretValue candidate, @Nullable String email, @Nullable String name) {
		if (PasswordText.surelyLongerThan(candidate, properties.maxLength())) {
			return List.of(tooLong());
		}
		char[] chars = PasswordText.nfc(candidate);
		char[] lower = PasswordText.lowerCase(chars);
		try {
			List<String> problems = new ArrayList<>();
			int length = PasswordText.codePoints(chars);
			if (length < properties.minLength()) {
				problems.add("must be at least " + properties.minLength() + " characters long");
			}
			if (length > properties.maxLength()) {
				problems.add(tooLong());
			}
			if (common.contains(lower)) {
				problems.add("is one of the most common passwords; choose one that is harder to guess");
			}
			if (personalParts(email, name).stream().anyMatch(part -> contains(lower, part))) {
				problems.add("must not contain your e-mail address or your name");
			}
			return List.copyOf(problems);
		}
		finally {
			Arrays.fill(chars, '\0');
			Arrays.fill(lower, '\0');
		}
	}

	private String tooLong() {
		return "must be at most " + properties.maxLength() + " characters long";
	}

	/** The e-mail local part and the name, whole and split at every character that is not a letter or digit. */
	static List<char[]> personalParts(@Nullable String email, @Nullable String name) {
		Set<String> parts = new LinkedHashSet<>();
		if (email != null) {
			int at = email.lastIndexOf('@');
			addWithWords(at < 0 ? email : email.substring(0, at), parts);
		}
		if (name != null) {
			addWithWords(name, parts);
		}
		List<char[]> lowerCased = new ArrayList<>();
		for (String part : parts) {
			if (part.codePointCount(0, part.length()) >= MIN_PERSONAL_PART) {
				lowerCased.add(PasswordText.lowerCase(part.toCharArray()));
			}
		}
		return lowerCased;
	}

	private static void addWithWords(String text, Set<String> parts) {
		String normalized = Normalizer.normalize(text, Normalizer.Form.NFC);
		parts.add(normalized.strip());
		for (String word : normalized.split("[^\\p{L}\\p{N}]+")) {
			parts.add(word);
		}
	}

	private static boolean contains(char[] haystack, char[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}
}
