package dev.rampart.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The bundled list of common passwords ({@value #RESOURCE}: one per line, {@code #} starts a comment),
 * lower-cased the way {@link PasswordText#lowerCase} does. Entries are kept as {@link CharBuffer}s so
 * that a candidate is looked up from its wipeable char array without becoming a String.
 */
final class CommonPasswords {

	static final String RESOURCE = "identity/common-passwords.txt";

	private final Set<CharBuffer> entries;

	private CommonPasswords(Set<CharBuffer> entries) {
		this.entries = Set.copyOf(entries);
	}

	static CommonPasswords load() {
		InputStream in = CommonPasswords.class.getClassLoader().getResourceAsStream(RESOURCE);
		if (in == null) {
			throw new IllegalStateException("the resource " + RESOURCE + " is missing from the class path");
		}
		Set<CharBuffer> entries = new HashSet<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String entry = line.strip();
				if (!entry.isEmpty() && !entry.startsWith("#")) {
					entries.add(CharBuffer.wrap(PasswordText.lowerCase(entry.toCharArray())).asReadOnlyBuffer());
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + RESOURCE, e);
		}
		return new CommonPasswords(entries);
	}

	/** Whether the list holds {@code lowerCased}, a password already passed through {@link PasswordText#lowerCase}. */
	boolean contains(char[] lowerCased) {
		return entries.contains(CharBuffer.wrap(lowerCased));
	}

	int size() {
		return entries.size();
	}
}
