package dev.rampart.identity.internal;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditEvent;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.AuditQuery;
import dev.rampart.identity.ChainVerification;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantScope;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * {@link AuditLog} in {@code audit_events}. An append locks its tenant's row in
 * {@code audit_chain_heads} until the transaction ends, which makes seq gap-free and the chain
 * linear under concurrency without making tenants wait for each other.
 */
class JdbcAuditLog implements AuditLog {

	private static final String COLUMNS = """
			id, tenant_id, seq, occurred_at, actor, actor_ip, action, target_type, target_id, outcome, details::text as details,
			prev_hash, hash""";
	private static final int VERIFY_BATCH = 500;

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;

	JdbcAuditLog(JdbcClient jdbc, TenantTransactions transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Appends to the chain of the entry's tenant, whoever the caller acts for (sign-in, another tenant's events). */
	@Override
	public AuditEvent record(AuditEntry entry) {
		return transactions.inTenant(entry.tenant(), () -> append(entry));
	}

	private AuditEvent append(AuditEntry entry) {
		JsonNode details = AuditDetails.of(entry.details());
		jdbc.sql("insert into audit_chain_heads (tenant_id, last_seq, last_hash) values (:tenant, 0, :genesis) on conflict (tenant_id) do nothing")
			.param("tenant", entry.tenant().value())
			.param("genesis", AuditChain.GENESIS)
			.update();
		Head head = jdbc.sql("select last_seq, last_hash from audit_chain_heads where tenant_id = :tenant for update")
			.param("tenant", entry.tenant().value())
			.query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getBytes("last_hash")))
			.single();
		AuditRow unhashed = new AuditRow(UuidV7.next(clock), entry.tenant(), head.seq() + 1,
				clock.instant().truncatedTo(ChronoUnit.MICROS), entry.actor(), entry.actorIp(), entry.action(),
				entry.targetType(), entry.targetId(), entry.outcome(), details, head.hash(), new byte[0]);
		AuditRow row = withHash(unhashed, AuditChain.hash(unhashed));
		jdbc.sql("""
				insert into audit_events (id, tenant_id, seq, occurred_at, actor, actor_ip, action, target_type, target_id,
					outcome, details, prev_hash, hash)
				values (:id, :tenant, :seq, :at, :actor, :ip, :action, :targetType, :targetId, :outcome, :details::jsonb,
					:prevHash, :hash)""")
			.param("id", row.id())
			.param("tenant", row.tenant().value())
			.param("seq", row.seq())
			.param("at", OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC))
			.param("actor", row.actor())
			.param("ip", row.actorIp())
			.param("action", row.action())
			.param("targetType", row.targetType())
			.param("targetId", row.targetId())
			.param("outcome", row.outcome())
			.param("details", AuditDetails.text(row.details()))
			.param("prevHash", row.prevHash())
			.param("hash", row.hash())
			.update();
		jdbc.sql("update audit_chain_heads set last_seq = :seq, last_hash = :hash where tenant_id = :tenant")
			.param("seq", row.seq())
			.param("hash", row.hash())
			.param("tenant", row.tenant().value())
			.update();
		return row.toEvent();
	}

	@Override
	public Page page(TenantId tenant, AuditQuery query) {
		return transactions.inTenant(tenant, () -> select(tenant, query));
	}

	private Page select(TenantId tenant, AuditQuery query) {
		StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_events where tenant_id = :tenant");
		if (query.action() != null) {
			sql.append(" and starts_with(action, :action)");
		}
		if (query.actor() != null) {
			sql.append(" and actor = :actor");
		}
		if (query.targetType() != null) {
			sql.append(" and target_type = :targetType");
		}
		if (query.targetId() != null) {
			sql.append(" and target_id = :targetId");
		}
		if (query.from() != null) {
			sql.append(" and occurred_at >= :from");
		}
		if (query.to() != null) {
			sql.append(" and occurred_at < :to");
		}
		if (query.before() != null) {
			sql.append(" and seq < :before");
		}
		sql.append(" order by seq desc limit :limit");
		JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("tenant", tenant.value()).param("limit", query.limit() + 1);
		statement = bindIfSet(statement, "action", query.action());
		statement = bindIfSet(statement, "actor", query.actor());
		statement = bindIfSet(statement, "targetType", query.targetType());
		statement = bindIfSet(statement, "targetId", query.targetId());
		statement = bindIfSet(statement, "from", query.from() == null ? null : OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
		statement = bindIfSet(statement, "to", query.to() == null ? null : OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
		statement = bindIfSet(statement, "before", query.before());
		List<AuditRow> rows = statement.query(JdbcAuditLog::row).list();
		boolean more = rows.size() > query.limit();
		List<AuditEvent> items = rows.stream().limit(query.limit()).map(AuditRow::toEvent).toList();
		return new Page(items, more ? items.getLast().seq() : null);
	}

	@Override
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public ChainVerification verify(TenantId tenant) {
		return TenantScope.call(tenant, () -> walk(tenant));
	}

	private ChainVerification walk(TenantId tenant) {
		Optional<Head> head = jdbc.sql("select last_seq, last_hash from audit_chain_heads where tenant_id = :tenant")
			.param("tenant", tenant.value())
			.query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getBytes("last_hash")))
			.optional();
		byte[] previous = AuditChain.GENESIS;
		long checked = 0;
		List<AuditRow> batch;
		do {
			batch = jdbc.sql("select " + COLUMNS + " from audit_events where tenant_id = :tenant and seq > :after order by seq limit :limit")
				.param("tenant", tenant.value())
				.param("after", checked)
				.param("limit", VERIFY_BATCH)
				.query(JdbcAuditLog::row)
				.list();
			for (AuditRow row : batch) {
				long expected = checked + 1;
				if (row.seq() != expected) {
					return ChainVerification.broken(checked, expected,
							"Entry " + expected + " is missing: the next stored entry is " + row.seq() + ".");
				}
				if (!MessageDigest.isEqual(row.prevHash(), previous)) {
					return ChainVerification.broken(checked, expected, "Entry " + expected
							+ " does not link to the entry before it: its prev_hash is not that entry's hash.");
				}
				if (!MessageDigest.isEqual(AuditChain.hash(row), row.hash())) {
					return ChainVerification.broken(checked, expected,
							"Entry " + expected + " was altered: its content does not match its hash.");
				}
				previous = row.hash();
				checked = expected;
			}
		}
		while (batch.size() == VERIFY_BATCH);
		return checkHead(head, checked, previous);
	}

	private static ChainVerification checkHead(Optional<Head> head, long checked, byte[] newest) {
		if (head.isEmpty()) {
			return checked == 0 ? ChainVerification.intact(0)
					: ChainVerification.broken(checked, checked, "The chain head record of this tenant is missing.");
		}
		long last = head.get().seq();
		if (last > checked) {
			return ChainVerification.broken(checked, checked + 1,
					"Entries " + (checked + 1) + " to " + last + " are missing from the end of the chain.");
		}
		if (last < checked || !MessageDigest.isEqual(head.get().hash(), newest)) {
			return ChainVerification.broken(checked, Math.min(last + 1, checked),
					"The newest entries do not match the chain head record (head seq " + last + ").");
		}
		return ChainVerification.intact(checked);
	}

	private static JdbcClient.StatementSpec bindIfSet(JdbcClient.StatementSpec statement, String name, @Nullable Object value) {
		return value == null ? statement : statement.param(name, value);
	}

	private static AuditRow withHash(AuditRow row, byte[] hash) {
		return new AuditRow(row.id(), row.tenant(), row.seq(), row.occurredAt(), row.actor(), row.actorIp(), row.action(),
				row.targetType(), row.targetId(), row.outcome(), row.details(), row.prevHash(), hash);
	}

	private static AuditRow row(ResultSet rs, int n) throws SQLException {
		return new AuditRow(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
				rs.getString("actor_ip"), rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
				rs.getString("outcome"), AuditDetails.parse(rs.getString("details")), rs.getBytes("prev_hash"),
				rs.getBytes("hash"));
	}

	private record Head(long seq, byte[] hash) {
	}
}
