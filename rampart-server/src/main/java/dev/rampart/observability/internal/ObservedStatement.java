package dev.rampart.observability.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * A statement whose executions are spans ({@link DatabaseSpans}) while an observation is current. A prepared statement's
 * text is recorded as written (its values are parameters and are not read); the SQL given to a plain statement is
 * sanitized first ({@link SqlText#sanitized}). Used by one thread at a time, as JDBC statements are.
 */
final class ObservedStatement implements InvocationHandler {

	private final Statement target;
	private final Connection connection;
	private final @Nullable String prepared;
	private final DatabaseSpans spans;
	/** The plain statements added to the batch, or, for a prepared statement, one entry per parameter set. */
	private final List<@Nullable String> batch = new ArrayList<>();

	ObservedStatement(Statement target, Connection connection, @Nullable String prepared, DatabaseSpans spans) {
		this.target = target;
		this.connection = connection;
		this.prepared = prepared;
		this.spans = spans;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		String name = method.getName();
		Object own = ObservedConnection.own(proxy, target, name, args);
		if (own != ObservedConnection.PASS) {
			return own;
		}
		switch (name) {
			case "getConnection" -> {
				return connection;
			}
			case "addBatch" -> batch.add(args != null && args.length > 0 && args[0] instanceof String sql ? sql : null);
			case "clearBatch" -> batch.clear();
			case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> {
				String sql = args != null && args.length > 0 && args[0] instanceof String given ? given : null;
				return observed(method, args, sql == null ? operation(prepared) : SqlText.operation(sql),
						sql == null ? text(prepared) : SqlText.sanitized(sql), 0);
			}
			case "executeBatch", "executeLargeBatch" -> {
				return executeBatch(method, args);
			}
			default -> {
			}
		}
		return ObservedConnection.call(target, method, args);
	}

	private @Nullable Object executeBatch(Method method, @Nullable Object @Nullable [] args) throws Throwable {
		int size = batch.size();
		String operation;
		String text;
		if (prepared != null) {
			operation = "BATCH " + SqlText.operation(prepared);
			text = SqlText.prepared(prepared);
		}
		else {
			List<String> statements = batch.stream().map(String::valueOf).toList();
			String first = statements.isEmpty() ? "" : SqlText.operation(statements.get(0));
			boolean same = statements.stream().allMatch(sql -> SqlText.operation(sql).equals(first));
			operation = same && !first.isEmpty() ? "BATCH " + first : "BATCH";
			text = SqlText.sanitized(String.join(";\n", statements));
		}
		try {
			return observed(method, args, operation, text, size);
		}
		finally {
			batch.clear();
		}
	}

	private @Nullable Object observed(Method method, @Nullable Object @Nullable [] args, String operation, String text,
			int batchSize) throws Throwable {
		if (spans.current() == null) {
			return ObservedConnection.call(target, method, args);
		}
		Observation observation = spans.start(operation, text, batchSize);
		try {
			return ObservedConnection.call(target, method, args);
		}
		catch (Throwable ex) {
			DatabaseSpans.failed(observation, ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private static String operation(@Nullable String sql) {
		return sql == null ? SqlText.OTHER : SqlText.operation(sql);
	}

	private static String text(@Nullable String sql) {
		return sql == null ? "" : SqlText.prepared(sql);
	}
}
