package dev.rampart.gateway.threats;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.rampart.gateway.Anomalies;
import dev.rampart.gateway.Anomaly;
import dev.rampart.gateway.AnomalyDetected;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Anomalies} in table {@code anomalies}. Storing one also writes its audit entry and
 * publishes {@link AnomalyDetected} in the same transaction. Platform admins see the platform's
 * anomalies (unauthenticated sources) beside their tenant's, through a system-scoped query that
 * names both tenants; everybody else's queries run bound to their own tenant.
 */
final class JdbcAnomalies implements Anomalies {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final String COLUMNS = """
			id, tenant_id, principal_key, level, window_start, window_end, score, features::text as features, reasons, status,
			throttled_until, cleared_by, cleared_at, clear_reason, created_at""";

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final Throttles throttles;
	private final Clock clock;

	JdbcAnomalies(JdbcClient jdbc, TenantTransactions transactions, AuditLog audit, ApplicationEventPublisher events,
			Throttles throttles, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.audit = audit;
		this.events = events;
		this.throttles = throttles;
		this.clock = clock;
	}

	/** Stores the anomaly of {@code finding}, audits it and publishes {@link AnomalyDetected}. */
	Anomaly open(Finding finding, @Nullable Instant throttledUntil) {
		ClosedWindow window = finding.window();
		UUID id = UuidV7.next(clock);
		Instant now = clock.instant();
		List<String> reasons = finding.verdict().reasons();
		double score = Math.round(finding.verdict().score() * 1000) / 1000.0;
		return transactions.inTenant(window.tenant(), () -> {
			jdbc.sql("""
					insert into anomalies (id, tenant_id, principal_key, level, window_start, window_end, score, features, reasons,
						status, throttled_until, created_at)
					values (:id, :tenant, :key, :level, :start, :end, :score, :features::jsonb, :reasons, 'open', :until, :now)""")
				.param("id", id).param("tenant", window.tenant().value()).param("key", window.key())
				.param("level", window.level().label()).param("start", Timestamp.from(window.start()))
				.param("end", Timestamp.from(window.end())).param("score", score)
				.param("features", JSON.writeValueAsString(finding.features())).param("reasons", reasons.toArray(String[]::new))
				.param("until", throttledUntil == null ? null : Timestamp.from(throttledUntil)).param("now", Timestamp.from(now))
				.update();
			audit.record(new AuditEntry(window.tenant(), "system", null, "anomaly.detected", "anomaly", id.toString(),
					AuditEntry.SUCCEEDED, Map.of("principal", window.key(), "level", window.level().label(), "score", score,
							"reasons", reasons, "throttledUntil", throttledUntil == null ? "not throttled" : throttledUntil.toString())));
			events.publishEvent(new AnomalyDetected(id, window.tenant(), window.key(), window.start(), window.end(), score, reasons));
			return new Anomaly(id, window.tenant(), window.key(), window.level().label(), window.start(), window.end(), score,
					finding.features(), reasons, Anomaly.Status.OPEN, throttledUntil, null, null, null, now);
		});
	}

	@Override
	public Page page(RampartPrincipal principal, Anomaly.@Nullable Status status, @Nullable UUID before, int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
		}
		List<Anomaly> rows = visible(principal, () -> jdbc.sql("select " + COLUMNS + """
				 from anomalies
				where tenant_id in (:tenant, :platform)
				  and (cast(:status as text) is null or status = :status)
				  and (cast(:before as uuid) is null or id < :before)
				order by id desc
				limit :limit""")
			.param("tenant", principal.tenant().value()).param("platform", platformOf(principal).value())
			.param("status", status == null ? null : status.name().toLowerCase(Locale.ROOT)).param("before", before)
			.param("limit", limit + 1)
			.query(JdbcAnomalies::row).list());
		boolean more = rows.size() > limit;
		List<Anomaly> items = more ? rows.subList(0, limit) : rows;
		return new Page(List.copyOf(items), more ? items.getLast().id() : null);
	}

	@Override
	public Optional<Anomaly> find(RampartPrincipal principal, UUID id) {
		return visible(principal, () -> jdbc.sql("select " + COLUMNS + " from anomalies where id = :id and tenant_id in (:tenant, :platform)")
			.param("id", id).param("tenant", principal.tenant().value()).param("platform", platformOf(principal).value())
			.query(JdbcAnomalies::row).optional());
	}

	@Override
	public Optional<Anomaly> clear(RampartPrincipal principal, UUID id, @Nullable String reason) {
		Optional<Anomaly> found = find(principal, id);
		if (found.isEmpty() || found.get().status() == Anomaly.Status.CLEARED) {
			return found;
		}
		Anomaly anomaly = found.get();
		Instant now = clock.instant();
		Anomaly cleared = transactions.inTenant(anomaly.tenant(), () -> {
			int changed = jdbc.sql("""
					update anomalies set status = 'cleared', cleared_by = :by, cleared_at = :now, clear_reason = :reason
					where id = :id and status = 'open'""")
				.param("by", principal.subject()).param("now", Timestamp.from(now)).param("reason", reason).param("id", id)
				.update();
			if (changed == 1) {
				audit.record(new AuditEntry(anomaly.tenant(), principal.subject(), null, "anomaly.cleared", "anomaly", id.toString(),
						AuditEntry.SUCCEEDED, Map.of("principal", anomaly.principalKey(), "reason", reason == null ? "" : reason)));
			}
			return jdbc.sql("select " + COLUMNS + " from anomalies where id = :id").param("id", id).query(JdbcAnomalies::row)
				.single();
		});
		throttles.lift(anomaly.principalKey(), id);
		return Optional.of(cleared);
	}

	/** The platform's rows for a platform admin; for anyone else the tenant twice (so the query shape stays the same). */
	private static TenantId platformOf(RampartPrincipal principal) {
		return principal.platformAdmin() ? TenantId.PLATFORM : principal.tenant();
	}

	private <T> T visible(RampartPrincipal principal, Supplier<T> query) {
		return principal.platformAdmin()
				? transactions.asSystem("platform admins review platform anomalies beside their tenant's", query)
				: transactions.inTenant(principal.tenant(), query);
	}

	private static Anomaly row(ResultSet rs, int n) throws SQLException {
		Array reasons = rs.getArray("reasons");
		return new Anomaly(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getString("principal_key"), rs.getString("level"), rs.getTimestamp("window_start").toInstant(),
				rs.getTimestamp("window_end").toInstant(), rs.getDouble("score"),
				JSON.readValue(rs.getString("features"), new TypeReference<Map<String, Double>>() {
				}), new ArrayList<>(Arrays.asList((String[]) reasons.getArray())),
				Anomaly.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), instant(rs, "throttled_until"),
				rs.getString("cleared_by"), instant(rs, "cleared_at"), rs.getString("clear_reason"),
				rs.getTimestamp("created_at").toInstant());
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}
}
