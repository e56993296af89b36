package dev.rampart.providers.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelMessage.Origin;
import dev.rampart.providers.spi.ModelMessage.Role;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.Usage;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The response cache against the real PostgreSQL (no Redis on this node): replies read back through the table alone,
 * tenants never see each other's entries in any tier, invalidation empties every tier of one tenant, expired and
 * surplus rows are purged, and the HTTP endpoints show and empty the caller's own tenant only.
 */
@ServerTest
class ResponseCacheIT {

	@LocalServerPort
	int port;

	private final TieredResponseCache cache;
	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final JdbcClient owner;
	private TenantId a;
	private TenantId b;

	@Autowired
	ResponseCacheIT(TieredResponseCache cache, JdbcClient jdbc, TenantTransactions transactions, DataSource dataSource) {
		this.cache = cache;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.owner = DatabaseOwner.jdbc(dataSource);
	}

	@BeforeEach
	void twoTenants() {
		a = tenant();
		b = tenant();
	}

	private TenantId tenant() {
		TenantId id = new TenantId(UUID.randomUUID());
		owner.sql("insert into tenants (id, name, created_at) values (:id, :name, now())")
			.param("id", id.value())
			.param("name", "cache-" + id)
			.update();
		return id;
	}

	private static CacheKey key(TenantId tenant, String question) {
		return CacheKey.of(tenant, "sim", "sim-echo",
				new ModelRequest(List.of(new ModelMessage(Role.USER, question, Origin.USER_INPUT)), null, 0.0));
	}

	private static CachedReply reply(String text) {
		return new CachedReply(text, "stop", new Usage(3, 5), Map.of("EMAIL", 1), "sim", "sim-echo",
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
	}

	private long rows(TenantId tenant) {
		return owner.sql("select count(*) from response_cache where tenant_id = :tenant").param("tenant", tenant.value())
			.query(Long.class).single();
	}

	@Test
	void aReplyIsReadBackFromPostgresAloneAndPromotedToMemory() {
		CacheKey key = key(a, "what is the capital of France?");
		CachedReply reply = reply("Paris");
		cache.put(key, reply);
		cache.memory().clear();

		assertThat(cache.get(key)).contains(reply);
		assertThat(cache.get(key)).contains(reply);

		ResponseCache.Stats stats = cache.stats(a);
		assertThat(stats.l3().hits()).isEqualTo(1);
		assertThat(stats.l3().entries()).isEqualTo(1);
		assertThat(stats.l1().hits()).isEqualTo(1);
		assertThat(stats.l1().misses()).isEqualTo(1);
		assertThat(stats.l1().hitRatio()).isEqualTo(0.5);
		assertThat(stats.l1().entries()).isEqualTo(1);
		assertThat(stats.l2().active()).isFalse();
		Map<String, Object> row = owner.sql("""
				select reply->>'text' as text, size_bytes, extract(epoch from expires_at - created_at) as life
				from response_cache where tenant_id = :tenant""")
			.param("tenant", a.value())
			.query()
			.singleRow();
		assertThat(row.get("text")).isEqualTo("Paris");
		assertThat(((Number) row.get("size_bytes")).longValue()).isEqualTo(stats.l3().bytes()).isPositive();
		assertThat(((Number) row.get("life")).longValue()).isEqualTo(Duration.ofHours(2).toSeconds());
	}

	@Test
	void aTenantNeverReadsAnotherTenantsEntryInAnyTier() {
		CacheKey ofA = key(a, "same question");
		CacheKey ofB = new CacheKey(b, ofA.provider(), ofA.model(), ofA.requestHash());
		cache.put(ofA, reply("for A only"));

		assertThat(cache.get(ofB)).isEmpty();
		cache.memory().clear();
		assertThat(cache.get(ofB)).isEmpty();
		long visibleToB = transactions.inTenant(b, () -> jdbc.sql("select count(*) from response_cache where request_hash = :hash")
			.param("hash", ofA.requestHash())
			.query(Long.class)
			.single());
		assertThat(visibleToB).isZero();
		assertThat(cache.get(ofA)).map(CachedReply::text).contains("for A only");
	}

	@Test
	void invalidationEmptiesEveryTierOfTheTenantAndOnlyOfIt() {
		CacheKey first = key(a, "one");
		CacheKey second = key(a, "two");
		CacheKey others = key(b, "one");
		cache.put(first, reply("1"));
		cache.put(second, reply("2"));
		cache.put(others, reply("B's"));

		long removed = cache.invalidate(a);

		assertThat(removed).as("two memory entries and two rows").isEqualTo(4);
		assertThat(cache.get(first)).isEmpty();
		assertThat(cache.get(second)).isEmpty();
		assertThat(rows(a)).isZero();
		assertThat(cache.get(others)).map(CachedReply::text).contains("B's");
		assertThat(rows(b)).isEqualTo(1);
		cache.put(first, reply("1 again"));
		assertThat(cache.get(first)).map(CachedReply::text).contains("1 again");
	}

	@Test
	void expiredRowsAreNeverReadAndThePurgeDeletesThemAndKeepsEachTenantsNewestRows() {
		CacheKey expired = key(a, "old");
		cache.put(expired, reply("stale"));
		owner.sql("update response_cache set expires_at = now() - interval '1 second' where tenant_id = :tenant")
			.param("tenant", a.value())
			.update();
		cache.memory().clear();
		assertThat(cache.get(expired)).isEmpty();
		for (int i = 0; i < 4; i++) {
			cache.put(key(b, "question " + i), reply("answer " + i));
			owner.sql("update response_cache set created_at = :at where tenant_id = :tenant and reply->>'text' = :text")
				.param("at", Timestamp.from(Instant.now().minus(Duration.ofMinutes(10 - i))))
				.param("tenant", b.value())
				.param("text", "answer " + i)
				.update();
		}

		DatabaseTier.Purged purged = new DatabaseTier(jdbc, transactions, JsonMapper.builder().build())
			.purge(Instant.now(), 2);

		assertThat(purged.expired()).isGreaterThanOrEqualTo(1);
		assertThat(rows(a)).isZero();
		assertThat(rows(b)).isEqualTo(2);
		assertThat(owner.sql("select reply->>'text' from response_cache where tenant_id = :tenant order by created_at")
			.param("tenant", b.value())
			.query(String.class)
			.list()).containsExactly("answer 2", "answer 3");
	}

	@Test
	void aReplyTooLargeOrHoldingANulCharacterIsNotCached() {
		CacheKey large = key(a, "write a long essay");
		CacheKey nul = key(a, "echo a NUL");
		cache.put(large, reply("x".repeat(256 * 1024)));
		cache.put(nul, reply("before\u0000after"));

		assertThat(cache.get(large)).isEmpty();
		assertThat(cache.get(nul)).isEmpty();
		assertThat(rows(a)).isZero();
	}

	@Test
	void theEndpointsShowAndEmptyOnlyTheCallersTenant() {
		String name = "cache-http-" + UUID.randomUUID().toString().substring(0, 8);
		HttpProbe tenantOwner = HttpProbe.ownerOfNewTenant(port, name, name + "@example.org", "amber-falcon-river-41");
		TenantId own = TenantId.of(tenantOwner.get("/api/v1/users/me").json().get("tenant").get("id").asString());
		CacheKey key = key(own, "hello");
		cache.put(key, reply("hi"));
		cache.put(key(a, "hello"), reply("A's"));
		cache.memory().clear();
		cache.get(key);
		cache.get(key);

		Reply shown = tenantOwner.get("/api/v1/providers/cache");

		assertThat(shown.status()).as(shown.body()).isEqualTo(200);
		JsonNode stats = shown.json();
		assertThat(stats.get("enabled").asBoolean()).isTrue();
		assertThat(stats.get("l1").get("hits").asLong()).isEqualTo(1);
		assertThat(stats.get("l1").get("misses").asLong()).isEqualTo(1);
		assertThat(stats.get("l1").get("hitRatio").asDouble()).isEqualTo(0.5);
		assertThat(stats.get("l1").get("entries").asLong()).isEqualTo(1);
		assertThat(stats.get("l1").get("ttlSeconds").asLong()).isEqualTo(300);
		assertThat(stats.get("l2").get("active").asBoolean()).isFalse();
		assertThat(stats.get("l2").get("entries").isNull()).isTrue();
		assertThat(stats.get("l3").get("hits").asLong()).isEqualTo(1);
		assertThat(stats.get("l3").get("entries").asLong()).as("A's row is not counted").isEqualTo(1);

		String readOnlyKey = tenantOwner.json("POST", "/api/v1/api-keys", "{\"name\":\"ro\",\"permissions\":[\"provider:read\"]}")
			.json().get("key").asString();
		HttpProbe readOnly = HttpProbe.withToken(port, readOnlyKey);
		assertThat(readOnly.get("/api/v1/providers/cache").status()).isEqualTo(200);
		assertThat(readOnly.json("DELETE", "/api/v1/providers/cache", null).status()).isEqualTo(403);
		assertThat(tenantOwner.anonymous().get("/api/v1/providers/cache").status()).isEqualTo(401);

		Reply emptied = tenantOwner.json("DELETE", "/api/v1/providers/cache", null);

		assertThat(emptied.status()).as(emptied.body()).isEqualTo(200);
		assertThat(emptied.json().get("removed").asLong()).as("one memory entry and one row").isEqualTo(2);
		assertThat(cache.get(key)).isEmpty();
		assertThat(rows(a)).isEqualTo(1);
		assertThat(tenantOwner.get("/api/v1/providers/cache").json().get("l3").get("entries").asLong()).isZero();
		JsonNode events = tenantOwner.get("/api/v1/audit-events?action=response_cache.").json().get("items");
		assertThat(events).hasSize(1);
		assertThat(events.get(0).get("action").asString()).isEqualTo("response_cache.invalidated");
		assertThat(events.get(0).get("details").get("removed").asLong()).isEqualTo(2);
	}
}
