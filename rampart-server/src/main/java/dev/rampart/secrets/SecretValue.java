package dev.rampart.secrets;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A secret held as bytes that are wiped by {@link #close()}. {@code toString()}, JSON serialization
 * and therefore logging show {@value #REDACTED}, never the value. Read it with {@link #bytes()} or
 * {@link #chars()} (copies the caller wipes), or with {@link #reveal()} where an API insists on a
 * {@code String} (an HTTP header): such a string cannot be wiped, so keep it as short-lived as the call.
 * After {@code close()} every read throws {@link IllegalStateException}; reads and {@code close()} are
 * mutually exclusive, so a copy is never half wiped.
 */
public final class SecretValue implements AutoCloseable {

	public static final String REDACTED = "[redacted]";

	private final byte[] value;
	private volatile boolean closed;

	private SecretValue(byte[] value) {
		this.value = value;
	}

	/** Takes a copy of {@code utf8}; the caller may wipe its array afterwards. */
	public static SecretValue ofBytes(byte[] utf8) {
		return new SecretValue(utf8.clone());
	}

	/** Encodes {@code chars} as UTF-8 without an intermediate String; the caller may wipe its array afterwards. */
	public static SecretValue ofChars(char[] chars) {
		ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
		byte[] bytes = new byte[encoded.remaining()];
		encoded.get(bytes);
		Arrays.fill(encoded.array(), (byte) 0);
		return new SecretValue(bytes);
	}

	/** For values that already exist as a String (a parsed request body, an environment variable). */
	@JsonCreator
	public static SecretValue of(String value) {
		return new SecretValue(value.getBytes(StandardCharsets.UTF_8));
	}

	/** A copy of the UTF-8 bytes; wipe it after use. */
	public synchronized byte[] bytes() {
		return live().clone();
	}

	/** A copy of the characters; wipe it after use. */
	public synchronized char[] chars() {
		CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(live()));
		char[] chars = new char[decoded.remaining()];
		decoded.get(chars);
		Arrays.fill(decoded.array(), '\0');
		return chars;
	}

	/** The value as a String, for APIs that accept nothing else. */
	public synchronized String reveal() {
		return new String(live(), StandardCharsets.UTF_8);
	}

	public int length() {
		return live().length;
	}

	public boolean isBlank() {
		for (byte b : live()) {
			if (!Character.isWhitespace(b)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * What a user may see to recognise the secret: its last four characters for values of 16
	 * characters or more, the last two for 8 to 15, nothing for shorter ones.
	 */
	public String hint() {
		char[] chars = chars();
		try {
			int shown = chars.length >= 16 ? 4 : chars.length >= 8 ? 2 : 0;
			return "••••" + new String(chars, chars.length - shown, shown);
		}
		finally {
			Arrays.fill(chars, '\0');
		}
	}

	/** Compares in constant time for values of equal length. */
	public boolean matches(SecretValue other) {
		return MessageDigest.isEqual(live(), other.live());
	}

	@JsonValue
	@Override
	public String toString() {
		return REDACTED;
	}

	/** Wipes the value. Idempotent. */
	@Override
	public synchronized void close() {
		closed = true;
		Arrays.fill(value, (byte) 0);
	}

	public boolean isClosed() {
		return closed;
	}

	private byte[] live() {
		if (closed) {
			throw new IllegalStateException("the secret has been wiped");
		}
		return value;
	}
}
