package dev.rampart.observability.internal;

import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Supplier;

import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantScope;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * Database spans (docs/observability.md, "Database spans"; ADR 0031): each JDBC statement executed while an observation
 * is current (a request, a run, a step, a memory recall...) is a client span under it, {@code rampart.db.query}, with
 * OpenTelemetry's database attributes ({@code db.system.name}, {@code db.operation.name}, {@code db.query.text}) and
 * {@code tenant.id} when the tenant is known. A statement made with no current observation records nothing, so pollers,
 * listeners and start-up make no root spans; that check is the only cost such a statement pays.
 *
 * <p>Bind values are never read. A failed statement marks its span with the SQLSTATE only: the driver's message can
 * quote the offending row's values, so neither it nor the exception is handed to the tracer.
 */
final class DatabaseSpans {

	static final String OBSERVATION = "rampart.db.query";

	private static final Object NO_CARRIER = new Object();

	private final Supplier<ObservationRegistry> registry;
	private final Supplier<Optional<TenantId>> signedInTenant;

	/**
	 * @param registry the node's observations; asked on each statement, so it may be resolved lazily
	 * @param signedInTenant the tenant of the signed-in principal, used when no {@link TenantScope} names one
	 */
	DatabaseSpans(Supplier<ObservationRegistry> registry, Supplier<Optional<TenantId>> signedInTenant) {
		this.registry = registry;
		this.signedInTenant = signedInTenant;
	}

	/** {@code connection}, observed: statements it makes while an observation is current are spans. */
	Connection connection(Connection connection) {
		if (Proxy.isProxyClass(connection.getClass()) && Proxy.getInvocationHandler(connection) instanceof ObservedConnection) {
			return connection;
		}
		return (Connection) Proxy.newProxyInstance(DatabaseSpans.class.getClassLoader(), new Class<?>[] { Connection.class },
				new ObservedConnection(connection, this));
	}

	/** {@code statement} made on {@code connection}, observed, or as it is when there is no current observation. */
	Statement statement(Statement statement, Connection connection, @Nullable String sql) {
		if (current() == null) {
			return statement;
		}
		Class<?> type = statement instanceof CallableStatement ? CallableStatement.class
				: statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
		return (Statement) Proxy.newProxyInstance(DatabaseSpans.class.getClassLoader(), new Class<?>[] { type },
				new ObservedStatement(statement, connection, sql, this));
	}

	@Nullable Observation current() {
		return registry.get().getCurrentObservation();
	}

	/**
	 * Starts the span of one execution, child of the current observation.
	 *
	 * @param operation the operation ({@link SqlText#operation})
	 * @param text the statement's text as it may be recorded ({@link SqlText})
	 * @param batch how many statements or parameter sets a batch carries, 0 when it is not a batch
	 */
	Observation start(String operation, String text, int batch) {
		Query context = new Query();
		Observation observation = Observation.createNotStarted(OBSERVATION, () -> context, registry.get())
			.contextualName(operation)
			.lowCardinalityKeyValue("db.system.name", "postgresql")
			.lowCardinalityKeyValue("db.operation.name", operation)
			.highCardinalityKeyValue("db.query.text", text);
		if (batch > 0) {
			observation.highCardinalityKeyValue("db.operation.batch.size", Integer.toString(batch));
		}
		String tenant = tenant();
		if (tenant != null) {
			observation.highCardinalityKeyValue("tenant.id", tenant);
		}
		return observation.start();
	}

	/** Marks {@code observation} as failed by {@code failure}, naming its SQLSTATE and nothing of its message. */
	static void failed(Observation observation, Throwable failure) {
		String state = failure instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : null;
		String type = state != null ? state : failure.getClass().getSimpleName();
		if (state != null) {
			observation.highCardinalityKeyValue("db.response.status_code", state);
		}
		observation.highCardinalityKeyValue("error.type", type);
		observation.error(new StatementFailed(type));
	}

	private @Nullable String tenant() {
		Optional<TenantScope.Binding> explicit = TenantScope.explicit();
		if (explicit.isPresent()) {
			return explicit.get() instanceof TenantScope.Binding.Tenant(TenantId id) ? id.toString() : null;
		}
		return signedInTenant.get().map(TenantId::toString).orElse(null);
	}

	/** A client span to PostgreSQL; nothing is propagated (the setter writes nowhere). */
	static final class Query extends SenderContext<Object> {

		Query() {
			super((carrier, key, value) -> {
			}, Kind.CLIENT);
			setCarrier(NO_CARRIER);
			setRemoteServiceName("postgresql");
		}
	}

	/** The failure a span records in place of the driver's exception: its SQLSTATE or type, without a message or stack. */
	static final class StatementFailed extends RuntimeException {

		StatementFailed(String type) {
			super("statement failed: " + type, null, false, false);
		}
	}
}
