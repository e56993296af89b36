package dev.rampart.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantScope;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * The JDBC wrapper behind database spans: the driver stays reachable through {@code unwrap}, a statement outside any
 * observation is left alone, one inside is a span under it with the database attributes and no bind value, and a failed
 * statement marks its span with the SQLSTATE but not the driver's message. The driver is a stub.
 */
class DatabaseSpansTest {

	private static final String SECRET = "s3cret-" + UUID.randomUUID();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
	private final ObservationRegistry registry = ObservationRegistry.create();
	private final DatabaseSpans spans = new DatabaseSpans(() -> registry, Optional::empty);

	DatabaseSpansTest() {
		registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
	}

	@Test
	void unwrapAndIsWrapperForReachTheDriversConnection() throws SQLException {
		Connection driver = Driver.connection();
		Connection observed = spans.connection(driver);

		assertThat(observed).isNotSameAs(driver);
		assertThat(observed.unwrap(PGConnection.class)).isSameAs(driver);
		assertThat(observed.isWrapperFor(PGConnection.class)).isTrue();
		assertThat(observed.unwrap(Connection.class)).isSameAs(observed);
		assertThat(spans.connection(observed)).isSameAs(observed);
	}

	@Test
	void aStatementOutsideAnyObservationIsLeftAloneAndMakesNoSpan() throws SQLException {
		Connection observed = spans.connection(Driver.connection());

		PreparedStatement statement = observed.prepareStatement("select 1");
		statement.executeQuery();

		assertThat(Proxy.isProxyClass(statement.getClass()) && Proxy.getInvocationHandler(statement) instanceof ObservedStatement)
			.isFalse();
		assertThat(stopped).isEmpty();
	}

	@Test
	void aStatementInsideAnObservationIsAClientSpanUnderItWithoutItsBindValues() throws SQLException {
		Connection observed = spans.connection(Driver.connection());
		TenantId tenant = new TenantId(UUID.randomUUID());
		String sql = "select id from credentials where secret = ?";

		Observation parent = Observation.start("parent", registry);
		try (Observation.Scope scope = parent.openScope()) {
			TenantScope.run(tenant, () -> {
				try (PreparedStatement statement = observed.prepareStatement(sql)) {
					statement.setString(1, SECRET);
					statement.executeQuery();
					assertThat(statement.getConnection()).isSameAs(observed);
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
		parent.stop();

		Observation.Context query = stopped.get(0);
		assertThat(query.getName()).isEqualTo(DatabaseSpans.OBSERVATION);
		assertThat(query).isInstanceOf(DatabaseSpans.Query.class);
		assertThat(query.getContextualName()).isEqualTo("SELECT");
		assertThat(query.getParentObservation()).isSameAs(parent);
		assertThat(value(query, "db.system.name")).isEqualTo("postgresql");
		assertThat(value(query, "db.operation.name")).isEqualTo("SELECT");
		assertThat(value(query, "db.query.text")).isEqualTo(sql);
		assertThat(value(query, "tenant.id")).isEqualTo(tenant.toString());
		assertThat(query.getAllKeyValues()).extracting(KeyValue::getValue).noneMatch(v -> v.contains(SECRET));
	}

	@Test
	void aFailedStatementMarksItsSpanWithTheSqlStateButNotTheDriversMessage() throws SQLException {
		Connection observed = spans.connection(Driver.connection());

		Observation parent = Observation.start("parent", registry);
		try (Observation.Scope scope = parent.openScope()) {
			PreparedStatement statement = observed.prepareStatement("insert into keys (fail) values (?)");
			statement.setString(1, SECRET);
			assertThatThrownBy(statement::executeUpdate).isInstanceOf(SQLException.class).hasMessageContaining(SECRET);
		}
		parent.stop();

		Observation.Context query = stopped.get(0);
		assertThat(value(query, "db.operation.name")).isEqualTo("INSERT");
		assertThat(value(query, "db.response.status_code")).isEqualTo("23505");
		assertThat(value(query, "error.type")).isEqualTo("23505");
		assertThat(query.getError()).isInstanceOf(DatabaseSpans.StatementFailed.class);
		assertThat(String.valueOf(query.getError().getMessage())).doesNotContain(SECRET);
		assertThat(query.getError().getStackTrace()).isEmpty();
	}

	@Test
	void theLiteralsOfAPlainStatementAreNotRecorded() throws SQLException {
		Connection observed = spans.connection(Driver.connection());

		Observation parent = Observation.start("parent", registry);
		try (Observation.Scope scope = parent.openScope(); Statement statement = observed.createStatement()) {
			statement.execute("update keys set token = '" + SECRET + "', note = E'it''s \\' " + SECRET + "', n = 42, "
					+ "body = $x$" + SECRET + "$x$ where id = $1 and \"col1\" = 1.5e3");
			statement.addBatch("delete from keys where token = '" + SECRET + "'");
			statement.addBatch("delete from keys where id = 7");
			statement.executeBatch();
		}
		parent.stop();

		assertThat(value(stopped.get(0), "db.query.text"))
			.isEqualTo("update keys set token = ?, note = ?, n = ?, body = ? where id = $1 and \"col1\" = ?");
		assertThat(value(stopped.get(0), "db.operation.name")).isEqualTo("UPDATE");
		assertThat(value(stopped.get(1), "db.operation.name")).isEqualTo("BATCH DELETE");
		assertThat(value(stopped.get(1), "db.operation.batch.size")).isEqualTo("2");
		assertThat(value(stopped.get(1), "db.query.text"))
			.isEqualTo("delete from keys where token = ?;\ndelete from keys where id = ?");
	}

	@Test
	void theOperationIsTheFirstKeywordAndTheTextIsCut() {
		assertThat(SqlText.operation(" /* note */ -- line\n (with x as (select 1) select * from x)")).isEqualTo("WITH");
		assertThat(SqlText.operation("listen run_events")).isEqualTo("LISTEN");
		assertThat(SqlText.operation("frobnicate everything")).isEqualTo(SqlText.OTHER);
		assertThat(SqlText.operation("")).isEqualTo(SqlText.OTHER);
		String longText = "select " + "x, ".repeat(1000) + "y";
		assertThat(SqlText.prepared(longText)).hasSize(SqlText.MAX_LENGTH + 1).endsWith("…");
		assertThat(SqlText.sanitized(longText + " where a = 'b'")).hasSize(SqlText.MAX_LENGTH + 1).endsWith("…");
	}

	@Test
	void thePoolStaysAHikariDataSourceAndHandsOutObservedConnectionsWhileTracing() throws SQLException {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(context -> true);
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("observationRegistry", registry);
		ObservedDataSources post = new ObservedDataSources(beans.getBeanProvider(ObservationRegistry.class),
				new DefaultListableBeanFactory().getBeanProvider(CurrentTenant.class));
		try (HikariDataSource hikari = new HikariDataSource()) {
			hikari.setJdbcUrl("jdbc:postgresql://localhost/observed");
			Object wrapped = post.postProcessAfterInitialization(hikari, "dataSource");
			assertThat(wrapped).isInstanceOf(HikariDataSource.class).isNotSameAs(hikari);
			assertThat(((HikariDataSource) wrapped).getJdbcUrl()).isEqualTo("jdbc:postgresql://localhost/observed");
		}

		Connection driver = Driver.connection();
		DataSource stub = (DataSource) post.postProcessAfterInitialization(new StubDataSource(driver), "other");
		assertThat(stub.getConnection()).as("taken while nothing is traced: the pool's own").isSameAs(driver);
		Observation traced = Observation.start("traced", registry);
		try (Observation.Scope scope = traced.openScope()) {
			Connection connection = stub.getConnection();
			assertThat(Proxy.getInvocationHandler(connection)).isInstanceOf(ObservedConnection.class);
			assertThat(connection.unwrap(PGConnection.class)).isSameAs(driver);
		}
		finally {
			traced.stop();
		}
	}

	private static @Nullable String value(Observation.Context context, String key) {
		KeyValue value = context.getAllKeyValues().stream().filter(kv -> kv.getKey().equals(key)).findFirst().orElse(null);
		return value == null ? null : value.getValue();
	}

	/** A driver stand-in: its connection is also a {@link PGConnection}; a statement whose SQL says "fail" fails. */
	private static final class Driver {

		static Connection connection() {
			return (Connection) Proxy.newProxyInstance(Driver.class.getClassLoader(),
					new Class<?>[] { Connection.class, PGConnection.class }, (proxy, method, args) -> switch (method.getName()) {
						case "unwrap" -> ((Class<?>) args[0]).isInstance(proxy) ? proxy : null;
						case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy);
						case "prepareStatement" -> statement(PreparedStatement.class, (String) args[0]);
						case "createStatement" -> statement(Statement.class, "");
						case "hashCode" -> System.identityHashCode(proxy);
						case "equals" -> proxy == args[0];
						default -> null;
					});
		}

		private static Object statement(Class<?> type, String sql) {
			List<String> values = new CopyOnWriteArrayList<>();
			return Proxy.newProxyInstance(Driver.class.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
				String name = method.getName();
				if (name.equals("setString")) {
					values.add((String) args[1]);
					return null;
				}
				if (name.startsWith("execute") && sql.contains("fail")) {
					throw new SQLException("duplicate key value violates unique constraint; Key (fail)=(" + values.get(0)
							+ ") already exists", "23505");
				}
				return switch (name) {
					case "executeUpdate" -> 1;
					case "execute" -> false;
					case "executeBatch" -> new int[] { 1, 1 };
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					default -> null;
				};
			});
		}
	}

	/** A data source that is not a pool, handing out one connection. */
	static class StubDataSource implements DataSource {

		private final Connection connection;

		StubDataSource(Connection connection) {
			this.connection = connection;
		}

		@Override
		public Connection getConnection() {
			return connection;
		}

		@Override
		public Connection getConnection(String username, String password) {
			return connection;
		}

		@Override
		public @Nullable PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(@Nullable PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public @Nullable Logger getParentLogger() {
			return null;
		}

		@Override
		public <T> T unwrap(Class<T> iface) throws SQLException {
			throw new SQLException("not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> iface) {
			return false;
		}
	}
}
