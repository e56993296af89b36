package dev.rampart.providers.internal.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.ModelTool;
import dev.rampart.providers.spi.ModelToolCall;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

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
 *
 * <p>Tool calling is part of the key: the tools offered (name, description, parameter schema), an assistant message's
 * tool calls (id, name, arguments as written) and a tool result's call id and tool name, so a different tool set or
 * tool result never meets another's answer. A schema is encoded canonically (object members sorted by name), so
 * the same schema written in another member order is the same key. Format 2 added tools; format 1 entries are no
 * longer found and expire.
 */
final class RequestHash {

	static final String FORMAT = "rampart.response-cache/2";

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
			out.text("toolCalls");
			out.integer(message.toolCalls().size());
			for (ModelToolCall call : message.toolCalls()) {
				out.text(call.id());
				out.text(call.name());
				out.text(call.arguments());
			}
			out.text("toolCallId");
			out.optionalText(message.toolCallId());
			out.text("toolName");
			out.optionalText(message.toolName());
		}
		out.text("maxTokens");
		out.optionalInteger(request.maxTokens());
		out.text("temperature");
		out.optionalDouble(request.temperature());
		out.text("tools");
		out.integer(request.tools().size());
		for (ModelTool tool : request.tools()) {
			out.text(tool.name());
			out.text(normalize(tool.description()));
			out.json(tool.parameters());
		}
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

		void optionalText(@Nullable String value) {
			digest.update((byte) (value == null ? 0 : 1));
			if (value != null) {
				text(value);
			}
		}

		/** A JSON value, type-tagged, with object members in name order. */
		void json(JsonNode node) {
			switch (node.getNodeType()) {
				case OBJECT -> {
					digest.update((byte) 'o');
					List<String> names = new ArrayList<>(node.propertyNames());
					Collections.sort(names);
					integer(names.size());
					for (String name : names) {
						text(name);
						json(node.get(name));
					}
				}
				case ARRAY -> {
					digest.update((byte) 'a');
					integer(node.size());
					for (JsonNode element : node) {
						json(element);
					}
				}
				case STRING -> {
					digest.update((byte) 's');
					text(node.asString());
				}
				case NUMBER -> {
					digest.update((byte) 'n');
					text(node.decimalValue().stripTrailingZeros().toPlainString());
				}
				case BOOLEAN -> digest.update((byte) (node.asBoolean() ? 't' : 'f'));
				default -> {
					digest.update((byte) 'z');
					text(node.toString());
				}
			}
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
