package dev.rampart.gateway.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import dev.rampart.gateway.Masker;
import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.MaskingPolicy;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TreeNode;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * A generator that masks every string value on its way out, so the document stays valid JSON whatever is
 * replaced. Property names and numbers are written as they are; values written raw ({@code @JsonRawValue})
 * are not masked. Strings shorter than the shortest recognised span are passed through without a scan.
 */
final class MaskingGenerator extends JsonGeneratorDelegate {

	/** The shortest text any category matches: an e-mail such as {@code a@b.io}. */
	static final int SHORTEST_MATCH = 6;

	private final Masker masker;
	private final MaskingPolicy policy;
	private final int[] counts = new int[MaskingCategory.values().length];

	MaskingGenerator(JsonGenerator delegate, Masker masker, MaskingPolicy policy) {
		super(delegate, false);
		this.masker = masker;
		this.policy = policy;
	}

	/** How many spans of each category were masked, by ordinal. */
	int[] counts() {
		return counts;
	}

	private String mask(String text) {
		if (text.length() < SHORTEST_MATCH) {
			return text;
		}
		return masker.mask(text, policy, counts);
	}

	@Override
	public JsonGenerator writeString(String text) throws JacksonException {
		if (text == null) {
			return delegate.writeNull();
		}
		delegate.writeString(mask(text));
		return this;
	}

	@Override
	public JsonGenerator writeString(char[] text, int offset, int len) throws JacksonException {
		return writeString(new String(text, offset, len));
	}

	@Override
	public JsonGenerator writeString(SerializableString text) throws JacksonException {
		return writeString(text.getValue());
	}

	@Override
	public JsonGenerator writeString(Reader reader, int len) throws JacksonException {
		try {
			StringBuilder text = new StringBuilder(Math.max(len, 16));
			char[] buffer = new char[4096];
			int read;
			while ((len < 0 || text.length() < len) && (read = reader.read(buffer, 0,
					len < 0 ? buffer.length : Math.min(buffer.length, len - text.length()))) > 0) {
				text.append(buffer, 0, read);
			}
			return writeString(text.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public JsonGenerator writeUTF8String(byte[] text, int offset, int length) throws JacksonException {
		return writeString(new String(text, offset, length, StandardCharsets.UTF_8));
	}

	@Override
	public JsonGenerator writeRawUTF8String(byte[] text, int offset, int length) throws JacksonException {
		return writeString(new String(text, offset, length, StandardCharsets.UTF_8));
	}

	@Override
	public JsonGenerator writeArray(String[] array, int offset, int length) throws JacksonException {
		writeStartArray(array, length);
		for (int i = offset; i < offset + length; i++) {
			writeString(array[i]);
		}
		return writeEndArray();
	}

	/** Through this generator, not the delegate's context, so values inside are masked too. */
	@Override
	public JsonGenerator writePOJO(Object value) throws JacksonException {
		if (value == null) {
			return writeNull();
		}
		objectWriteContext().writeValue(this, value);
		return this;
	}

	@Override
	public JsonGenerator writeTree(TreeNode tree) throws JacksonException {
		if (tree == null) {
			return writeNull();
		}
		objectWriteContext().writeTree(this, tree);
		return this;
	}
}
