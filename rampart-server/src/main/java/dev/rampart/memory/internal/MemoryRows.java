package dev.rampart.memory.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.rampart.memory.Memory;
import dev.rampart.memory.MemorySource;
import org.jspecify.annotations.Nullable;

/** Rows of {@code memories} as {@link Memory} records, and the list cursor (creation time and id of the last row). */
final class MemoryRows {

	/** Every column but the embedding, which only search needs. */
	static final String COLUMNS = """
			id, agent_id, scope, text, importance, embedding_model, source, run_id, content_hash, created_at,
			last_accessed_at, access_count""";

	private MemoryRows() {
	}

	static Memory memory(ResultSet rs, int row) throws SQLException {
		return new Memory(rs.getObject("id", UUID.class), rs.getObject("agent_id", UUID.class), rs.getString("scope"),
				rs.getString("text"), rs.getFloat("importance"), rs.getString("embedding_model"),
				MemorySource.fromWireName(rs.getString("source")), rs.getString("run_id"), rs.getString("content_hash"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_accessed_at").toInstant(),
				rs.getLong("access_count"));
	}

	/** A position in the newest-first order: after (older than) this row. */
	record Cursor(Instant createdAt, UUID id) {

		String encode() {
			long micros = createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1_000;
			return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + "." + id).getBytes());
		}

		Timestamp timestamp() {
			return Timestamp.from(createdAt);
		}

		/** Null when the text is not a cursor this class wrote. */
		static @Nullable Cursor decode(String text) {
			try {
				String plain = new String(Base64.getUrlDecoder().decode(text));
				int dot = plain.indexOf('.');
				long micros = Long.parseLong(plain.substring(0, dot));
				UUID id = UUID.fromString(plain.substring(dot + 1));
				return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
						Math.floorMod(micros, 1_000_000) * 1_000L), id);
			}
			catch (RuntimeException ex) {
				return null;
			}
		}
	}
}
