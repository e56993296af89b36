package dev.rampart.executions.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading and writing the columns of {@code runs}, {@code run_steps} and {@code run_events}: jsonb and timestamps. */
final class RunRows {

	static final String RUN_COLUMNS = "id, kind, target_id, target_version, input::text as input, thread_id, user_id, status,"
			+ " output::text as output, outcome::text as outcome, usage::text as usage, error::text as error, attempt, priority,"
			+ " cancel_requested, created_at, created_by, started_at, ended_at, replay_of";

	private final JsonMapper json;

	RunRows(JsonMapper json) {
		this.json = json;
	}

	StoredRun run(ResultSet rs) throws SQLException {
		return new StoredRun(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getObject("target_id", UUID.class),
				rs.getInt("target_version"), json.readTree(rs.getString("input")), rs.getString("thread_id"),
				rs.getString("user_id"), rs.getString("status"), tree(rs.getString("output")), tree(rs.getString("outcome")),
				tree(rs.getString("usage")), tree(rs.getString("error")), rs.getInt("attempt"), rs.getInt("priority"),
				rs.getBoolean("cancel_requested"), required(rs, "created_at"), rs.getString("created_by"),
				instant(rs, "started_at"), instant(rs, "ended_at"), rs.getObject("replay_of", UUID.class));
	}

	StoredRun.Step step(ResultSet rs) throws SQLException {
		return new StoredRun.Step(rs.getInt("index"), rs.getString("kind"), rs.getString("name"), rs.getString("status"),
				tree(rs.getString("input")), tree(rs.getString("output")), rs.getInt("attempt"), required(rs, "started_at"),
				instant(rs, "ended_at"));
	}

	StoredRun.Event event(ResultSet rs) throws SQLException {
		return new StoredRun.Event(rs.getLong("seq"), rs.getString("type"), json.readTree(rs.getString("data")),
				required(rs, "at"));
	}

	@Nullable JsonNode tree(@Nullable String text) {
		return text == null ? null : json.readTree(text);
	}

	@Nullable String text(@Nullable Object value) {
		return value == null ? null : json.writeValueAsString(value);
	}

	static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	static Instant required(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
