package dev.rampart.identity.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;

import dev.rampart.secrets.SecretValue;

/**
 * The one way a password's text is read for hashing and for the policy: Unicode NFC, so that the
 * same password typed on systems that compose accents differently is the same password. Every
 * method returns a copy the caller wipes.
 */
final class PasswordText {

	private PasswordText() {
	}

	/**
	 * The characters of {@code password} in NFC. Already-normalised input (all ASCII, for one) is never
	 * turned into a String; other input is, because {@link Normalizer} only returns Strings, and that
	 * String cannot be wiped: it lives until the garbage collector reclaims it.
	 */
	static char[] nfc(SecretValue password) {
		char[] chars = password.chars();
		CharBuffer view = CharBuffer.wrap(chars);
		if (Normalizer.isNormalized(view, Normalizer.Form.NFC)) {
			return chars;
		}
		try {
			return Normalizer.normalize(view, Normalizer.Form.NFC).toCharArray();
		}
		finally {
			Arrays.fill(chars, '\0');
		}
	}

	/** Whether {@code password} has certainly more than {@code max} code points, judged from its UTF-8 size alone. */
	static boolean surelyLongerThan(SecretValue password, int max) {
		return password.length() > 4L * max;
	}

	static int codePoints(char[] chars) {
		return Character.codePointCount(chars, 0, chars.length);
	}

	/** Lower case character by character without regard to locale, so that it never changes the length. */
	static char[] lowerCase(char[] chars) {
		char[] lower = new char[chars.length];
		for (int i = 0; i < chars.length; i++) {
			lower[i] = Character.toLowerCase(chars[i]);
		}
		return lower;
	}

	static byte[] utf8(char[] chars) {
		ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
		byte[] bytes = new byte[encoded.remaining()];
		encoded.get(bytes);
		Arrays.fill(encoded.array(), (byte) 0);
		return bytes;
	}
}
