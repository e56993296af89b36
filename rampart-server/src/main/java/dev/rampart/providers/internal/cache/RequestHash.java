package dev.rampart.providers.internal.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;

import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelRequest;
import org.jspecify.annotations.Nullable;

/**
 * The normalized request hash: SHA-256 over a canonical encoding of what decides a model's answer. Every field is
 * named, and every name, text and count is length-prefixed, so no two different requests encode alike by
 * concatenation ({@code ["ab","c"]} is not {@code ["a","bc"]}); a field added to {@link ModelRequest} later must be
 * added here with its own name, and a change of this encoding must change {@link #FORMAT} so old entries are not
 * read under the new meaning.
 *
 * <p>Texts are normalized first: Unicode NFC, CRLF and CR become LF, trailing whitespace is cut from every line and
 * from the end. Leading whitespace (indentation) is kept. The message origin is not part of the key: it changes
 * how Rampart screens a message, not what the model answers.
 */
final class RequestHash {

	static final String FORMAT = "rampart.response-cache/1";

	private RequestHash() {
	}

	static String of(ModelRequest request) {
		Encoder out = new Encoder();
		out.text(FORMAT);
		out.text("messages");
		out.integer(request.messages().size());
		for (ModelMessage message : request.messages()) {
			out.text("role");
			out.text(message.role().name());
			out.text("text");
			out.text(normalize(message.text()));
		}
		out.text("maxTokens");
		out.optionalInteger(request.maxTokens());
		out.text("temperature");
		out.optionalDouble(request.temperature());
		return HexFormat.of().formatHex(out.digest());
	}

	/** NFC, LF line endings, no trailing whitespace on any line nor at the end. */
	static String normalize(String text) {
		String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
		String[] lines = composed.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
		StringBuilder normalized = new StringBuilder(composed.length());
		for (int i = 0; i < lines.length; i++) {
			if (i > 0) {
				normalized.append('\n');
			}
			normalized.append(lines[i].stripTrailing());
		}
		return normalized.toString().stripTrailing();
	}

	/** Length-prefixed, typed fields into a SHA-256 digest. */
	private static final class Encoder {

		private final MessageDigest digest;
		private final ByteBuffer number = ByteBuffer.allocate(Long.BYTES);

		Encoder() {
			try {
				this.digest = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("every Java runtime has SHA-256", ex);
			}
		}

		void text(String value) {
			byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
			integer(bytes.length);
			digest.update(bytes);
		}

		void integer(int value) {
			digest.update(number.clear().putInt(value).array(), 0, Integer.BYTES);
		}

		void optionalInteger(@Nullable Integer value) {
			digest.update((byte) (value == null ? 0 : 1));
			if (value != null) {
				integer(value);
			}
		}

		/** -0.0 is 0.0, and every NaN the same NaN. */
		void optionalDouble(@Nullable Double value) {
			digest.update((byte) (value == null ? 0 : 1));
			if (value != null) {
				double canonical = value == 0.0 ? 0.0 : value;
				digest.update(number.clear().putLong(Double.doubleToLongBits(canonical)).array(), 0, Long.BYTES);
			}
		}

		byte[] digest() {
			return digest.digest();
		}
	}
}
