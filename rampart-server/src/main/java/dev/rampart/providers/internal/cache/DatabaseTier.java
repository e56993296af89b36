package dev.rampart.providers.internal.cache;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * L3: table {@code response_cache} (row-level security: each statement runs in a transaction bound to the key's
 * tenant). Puts are upserts; reads ignore expired rows; {@link #purge} deletes expired rows of every tenant and each
 * tenant's oldest rows beyond the bound. Failures are thrown: the caller decides whether they matter.
 */
final class DatabaseTier {

	static final String PURGE_REASON = "the response cache purge deletes expired rows of every tenant";

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final JsonMapper json;

	DatabaseTier(JdbcClient jdbc, TenantTransactions transactions, JsonMapper json) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.json = json;
	}

	/** What one purge deleted: expired rows, and rows beyond a tenant's bound. */
	record Purged(int expired, int beyondBound) {
	}

	Optional<Entry> get(CacheKey key, Instant now) {
		return transactions.inTenant(key.tenant(), () -> jdbc.sql("""
				select reply::text, size_bytes, expires_at from response_cache
				where tenant_id = :tenant and provider = :provider and model = :model and request_hash = :hash
					and expires_at > :now""")
			.param("tenant", key.tenant().value())
			.param("provider", key.provider())
			.param("model", key.model())
			.param("hash", key.requestHash())
			.param("now", Timestamp.from(now))
			.query((rs, row) -> new Entry(json.readValue(rs.getString(1), CachedReply.class), rs.getInt(2),
					rs.getTimestamp(3).toInstant()))
			.optional());
	}

	void put(CacheKey key, Entry entry, String replyJson, Instant now) {
		transactions.inTenant(key.tenant(), () -> {
			jdbc.sql("""
					insert into response_cache (tenant_id, provider, model, request_hash, reply, size_bytes, created_at,
						expires_at)
					values (:tenant, :provider, :model, :hash, :reply::jsonb, :bytes, :now, :expires)
					on conflict (tenant_id, provider, model, request_hash) do update set reply = excluded.reply,
						size_bytes = excluded.size_bytes, created_at = excluded.created_at, expires_at = excluded.expires_at""")
				.param("tenant", key.tenant().value())
				.param("provider", key.provider())
				.param("model", key.model())
				.param("hash", key.requestHash())
				.param("reply", replyJson)
				.param("bytes", entry.bytes())
				.param("now", Timestamp.from(now))
				.param("expires", Timestamp.from(entry.notAfter()))
				.update();
		});
	}

	long invalidate(TenantId tenant) {
		return transactions.inTenant(tenant, () -> jdbc.sql("delete from response_cache where tenant_id = :tenant")
			.param("tenant", tenant.value())
			.update());
	}

	/** The tenant's unexpired rows and their JSON size. */
	long[] sizeOf(TenantId tenant, Instant now) {
		return transactions.inTenant(tenant, () -> jdbc.sql("""
				select count(*), coalesce(sum(size_bytes), 0) from response_cache
				where tenant_id = :tenant and expires_at > :now""")
			.param("tenant", tenant.value())
			.param("now", Timestamp.from(now))
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single());
	}

	/**
	 * Deletes expired rows (every tenant's, in the system scope), then, tenant by tenant in the tenant's own
	 * scope, the oldest rows beyond {@code maxRowsPerTenant}.
	 */
	Purged purge(Instant now, int maxRowsPerTenant) {
		int expired = transactions.asSystem(PURGE_REASON, () -> jdbc
			.sql("delete from response_cache where expires_at <= :now")
			.param("now", Timestamp.from(now))
			.update());
		List<UUID> crowded = transactions.asSystem(PURGE_REASON, () -> jdbc
			.sql("select tenant_id from response_cache group by tenant_id having count(*) > :max")
			.param("max", maxRowsPerTenant)
			.query(UUID.class)
			.list());
		int beyond = 0;
		for (UUID id : crowded) {
			TenantId tenant = new TenantId(id);
			beyond += transactions.inTenant(tenant, () -> jdbc.sql("""
					delete from response_cache where tenant_id = :tenant and (provider, model, request_hash) in (
						select provider, model, request_hash from response_cache where tenant_id = :tenant
						order by created_at desc, request_hash offset :max)""")
				.param("tenant", tenant.value())
				.param("max", maxRowsPerTenant)
				.update());
		}
		return new Purged(expired, beyond);
	}
}
