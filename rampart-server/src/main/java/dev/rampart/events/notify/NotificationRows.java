package dev.rampart.events.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rampart.events.Notice;
import dev.rampart.events.Notification;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of {@code notifications} (db/migration/events): the next id of a tenant is taken from
 * {@code notification_heads} under its row lock, so a tenant's notifications commit in id order; every insert also
 * sends {@code NOTIFY} on {@value #CHANNEL} (the tenant's id, or {@code *} for all), delivered at commit. A notice with
 * a dedupe key is stored once per tenant: the unique index {@code notifications_dedupe} decides between nodes that
 * insert it at once (the later insert waits for the earlier one's head lock, then does nothing).
 */
@Component
class NotificationRows {

	static final String CHANNEL = "rampart_notifications";
	static final String EVERY_TENANT = "*";

	private static final String INSERT = """
			insert into notifications (tenant_id, id, recipient, permission, type, severity, title, data, created_at,
				dedupe_key)
			select h.tenant_id, h.last_id, :recipient, :permission, :type, :severity, :title, cast(:data as jsonb), :now, :key
			from h
			on conflict (tenant_id, dedupe_key) where dedupe_key is not null do nothing
			returning id""";
	/** A tenant that already has a notification with the notice's key takes no id (most races end at the index). */
	private static final String NOT_YET = """
			(cast(:key as text) is null or not exists (
				select 1 from notifications n where n.tenant_id = %s and n.dedupe_key = cast(:key as text)))""";

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final JsonMapper json;

	NotificationRows(JdbcClient jdbc, TenantTransactions transactions, JsonMapper json) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.json = json;
	}

	/** A stored notification with the permission a member needs to see it when it has no recipient. */
	record Row(Notification notification, @Nullable String permission) {
	}

	/** Stores the notice; one with a dedupe key the tenant already has is not stored again: the earlier one answers. */
	Notification insert(TenantId tenant, Notice notice, Instant now) {
		return transactions.inTenant(tenant, () -> {
			List<Long> inserted = params(jdbc.sql("""
					with h as (
						insert into notification_heads (tenant_id, last_id) select :tenant, 1 where %s
						on conflict (tenant_id) do update set last_id = notification_heads.last_id + 1
						returning tenant_id, last_id
					)
					""".formatted(NOT_YET.formatted(":tenant")) + INSERT), notice, now)
				.param("tenant", tenant.value())
				.query(Long.class).list();
			if (inserted.isEmpty()) {
				return jdbc.sql("""
						select id, type, severity, title, data::text as data, recipient, permission, created_at
						from notifications where tenant_id = :tenant and dedupe_key = :key""")
					.param("tenant", tenant.value()).param("key", notice.dedupeKey())
					.query(this::row).single().notification();
			}
			notify(tenant.value().toString());
			return new Notification(inserted.getFirst(), notice.type(), notice.severity(), notice.title(),
					json.valueToTree(notice.data()), notice.recipient(), now);
		});
	}

	void insertForEveryTenant(Notice notice, Instant now) {
		transactions.asSystem("a notice that concerns every tenant", () -> {
			params(jdbc.sql("""
					with h as (
						insert into notification_heads (tenant_id, last_id) select t.id, 1 from tenants t where %s
						on conflict (tenant_id) do update set last_id = notification_heads.last_id + 1
						returning tenant_id, last_id
					)
					""".formatted(NOT_YET.formatted("t.id")) + INSERT), notice, now)
				.query(Long.class).list();
			notify(EVERY_TENANT);
		});
	}

	/** Up to {@code limit} notifications after {@code afterId} that are for {@code user} or for no one in particular. */
	List<Row> after(TenantId tenant, UUID user, long afterId, int limit) {
		return transactions.inTenant(tenant, () -> jdbc.sql("""
				select id, type, severity, title, data::text as data, recipient, permission, created_at from notifications
				where tenant_id = :tenant and id > :after and (recipient is null or recipient = :user)
				order by id limit :limit""")
			.param("tenant", tenant.value()).param("after", afterId).param("user", user).param("limit", limit)
			.query(this::row)
			.list());
	}

	/** Deletes notifications created before {@code cutoff}; answers how many. */
	int deleteBefore(Instant cutoff) {
		return transactions.asSystem("notifications past their retention",
				() -> jdbc.sql("delete from notifications where created_at < :cutoff")
					.param("cutoff", Timestamp.from(cutoff)).update());
	}

	private JdbcClient.StatementSpec params(JdbcClient.StatementSpec statement, Notice notice, Instant now) {
		return statement.param("recipient", notice.recipient())
			.param("permission", notice.permission())
			.param("type", notice.type())
			.param("severity", notice.severity())
			.param("title", notice.title())
			.param("data", json.writeValueAsString(notice.data()))
			.param("now", Timestamp.from(now))
			.param("key", notice.dedupeKey());
	}

	private void notify(String payload) {
		jdbc.sql("select pg_notify('" + CHANNEL + "', :payload)").param("payload", payload).query().listOfRows();
	}

	private Row row(ResultSet rs, int n) throws SQLException {
		return new Row(new Notification(rs.getLong("id"), rs.getString("type"), rs.getString("severity"),
				rs.getString("title"), json.readTree(rs.getString("data")), rs.getObject("recipient", UUID.class),
				rs.getTimestamp("created_at").toInstant()), rs.getString("permission"));
	}
}
