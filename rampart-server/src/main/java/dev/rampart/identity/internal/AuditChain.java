package dev.rampart.identity.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The hash of an audit row: SHA-256 over the previous row's hash followed by a length-prefixed,
 * type-tagged encoding of every other column, so no two different rows encode alike. Details are
 * encoded as a tree with object keys sorted and numbers by value (trailing zeros dropped), which is
 * what survives a round trip through jsonb; time is encoded in microseconds, jsonb's precision.
 */
final class AuditChain {

	static final byte[] GENESIS = new byte[32];

	private static final byte[] DOMAIN = "rampart.audit.v1".getBytes(StandardCharsets.UTF_8);

	private AuditChain() {
	}

	static byte[] hash(AuditRow row) {
		Encoder out = new Encoder();
		out.raw(DOMAIN);
		out.raw(row.prevHash());
		out.uuid(row.id());
		out.uuid(row.tenant().value());
		out.number(row.seq());
		out.number(ChronoUnit.MICROS.between(Instant.EPOCH, row.occurredAt()));
		out.text(row.actor());
		out.text(row.actorIp());
		out.text(row.action());
		out.text(row.targetType());
		out.text(row.targetId());
		out.text(row.outcome());
		out.json(row.details());
		return sha256(out.bytes());
	}

	private static byte[] sha256(byte[] input) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(input);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	private static final class Encoder {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

		void raw(byte[] bytes) {
			out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
			out.writeBytes(bytes);
		}

		void uuid(UUID value) {
			out.writeBytes(ByteBuffer.allocate(16).putLong(value.getMostSignificantBits()).putLong(value.getLeastSignificantBits()).array());
		}

		void number(long value) {
			out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
		}

		void text(@Nullable String value) {
			if (value == null) {
				out.write('0');
				return;
			}
			out.write('s');
			raw(value.getBytes(StandardCharsets.UTF_8));
		}

		void json(JsonNode node) {
			switch (node.getNodeType()) {
				case OBJECT -> {
					Map<String, JsonNode> sorted = new TreeMap<>();
					node.properties().forEach(property -> sorted.put(property.getKey(), property.getValue()));
					out.write('{');
					number(sorted.size());
					sorted.forEach((name, value) -> {
						text(name);
						json(value);
					});
				}
				case ARRAY -> {
					out.write('[');
					number(node.size());
					node.values().forEach(this::json);
				}
				case STRING -> {
					out.write('"');
					text(node.asString());
				}
				case NUMBER -> {
					out.write('#');
					text(plain(node.decimalValue()));
				}
				case BOOLEAN -> out.write(node.booleanValue() ? 't' : 'f');
				case NULL -> out.write('n');
				default -> throw new IllegalArgumentException("audit details cannot hold " + node.getNodeType());
			}
		}

		private static String plain(BigDecimal value) {
			return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
		}

		byte[] bytes() {
			return out.toByteArray();
		}
	}
}
