package dev.rampart.providers.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.rampart.EmbeddedRedis;
import dev.rampart.DatabaseOwner;
import dev.rampart.FrozenClock;
import dev.rampart.MovableClock;
import dev.rampart.ServerTest;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelMessage.Origin;
import dev.rampart.providers.spi.ModelMessage.Role;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.Usage;
import dev.rampart.shared.TenantId;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.embedded.RedisServer;

/**
 * The Redis tier against an embedded Redis on a free port (so the test can stop it): a reply is read from Redis
 * when memory is cleared and the row is gone, an invalidation is one {@code INCR}, another node's invalidation
 * reaches this node's memory within {@link Generations#FRESH}, and a Redis that dies mid-test leaves the cache
 * answering from memory and PostgreSQL, with no exception, until it is back.
 */
@ServerTest
@DirtiesContext
@Import(FrozenClock.class)
class ResponseCacheRedisIT {

	private static final int REDIS_PORT = EmbeddedRedis.freePort();
	private static RedisServer redis = startRedis();

	private final TieredResponseCache cache;
	private final MovableClock clock;
	private final JdbcClient owner;
	private TenantId tenant;

	@Autowired
	ResponseCacheRedisIT(TieredResponseCache cache, MovableClock clock, DataSource dataSource) {
		this.cache = cache;
		this.clock = clock;
		this.owner = DatabaseOwner.jdbc(dataSource);
	}

	@DynamicPropertySource
	static void sharedRedis(DynamicPropertyRegistry registry) {
		registry.add("rampart.redis.url", () -> "redis://127.0.0.1:" + REDIS_PORT);
	}

	@AfterAll
	static void stop() throws IOException {
		redis.stop();
	}

	@BeforeEach
	void connectedWithATenantOfItsOwn() {
		assertThat(cache.awaitRedis(Duration.ofSeconds(10))).as("connected to the embedded Redis").isTrue();
		tenant = new TenantId(UUID.randomUUID());
		owner.sql("insert into tenants (id, name, created_at) values (:id, :name, now())")
			.param("id", tenant.value())
			.param("name", "cache-redis-" + tenant)
			.update();
	}

	private CacheKey key(String question) {
		return CacheKey.of(tenant, "sim", "sim-echo",
				new ModelRequest(List.of(new ModelMessage(Role.USER, question, Origin.USER_INPUT)), null, 0.0));
	}

	private CachedReply reply(String text) {
		return new CachedReply(text, "stop", new Usage(2, 4), Map.of(), "sim", "sim-echo",
				clock.instant().truncatedTo(ChronoUnit.MILLIS));
	}

	private void deleteRows() {
		owner.sql("delete from response_cache where tenant_id = :tenant").param("tenant", tenant.value()).update();
	}

	private static String redisGet(String key) {
		return withRedis(r -> r.get(key));
	}

	private static long redisLong(Function<RedisCommands<String, String>, Long> work) {
		return withRedis(work);
	}

	private static <T> T withRedis(Function<RedisCommands<String, String>, T> work) {
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + REDIS_PORT);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return work.apply(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

	@Test
	void aReplyIsReadFromRedisWhenMemoryIsClearedAndTheRowIsGone() {
		CacheKey key = key("what is two plus two?");
		CachedReply reply = reply("four");
		cache.put(key, reply);
		assertThat(redisLong(r -> r.pttl(RedisTier.key(key, 0)))).isPositive()
			.isLessThanOrEqualTo(Duration.ofMinutes(30).toMillis());
		cache.memory().clear();
		deleteRows();

		assertThat(cache.get(key)).contains(reply);
		assertThat(cache.get(key)).as("promoted to memory").contains(reply);

		ResponseCache.Stats stats = cache.stats(tenant);
		assertThat(stats.l2().active()).isTrue();
		assertThat(stats.l2().hits()).isEqualTo(1);
		assertThat(stats.l1().hits()).isEqualTo(1);
		assertThat(stats.l3().hits() + stats.l3().misses()).isZero();
	}

	@Test
	void anInvalidationMovesTheTenantToANewGenerationAndLeavesOldKeysToExpire() {
		CacheKey key = key("cached, then invalidated");
		cache.put(key, reply("old"));

		assertThat(cache.invalidate(tenant)).as("one memory entry and one row").isEqualTo(2);

		assertThat(redisGet(RedisTier.generationKey(tenant))).isEqualTo("1");
		assertThat(redisLong(r -> r.exists(RedisTier.key(key, 0)))).as("not deleted: unreachable").isEqualTo(1);
		assertThat(cache.get(key)).isEmpty();
		cache.put(key, reply("new"));
		cache.memory().clear();
		deleteRows();
		assertThat(cache.get(key)).map(CachedReply::text).contains("new");
		assertThat(redisLong(r -> r.exists(RedisTier.key(key, 1)))).isEqualTo(1);
	}

	@Test
	void anotherNodesInvalidationReachesThisNodesMemoryWithinTheFreshnessWindow() {
		CacheKey key = key("seen by two nodes");
		cache.put(key, reply("shared"));
		withRedis(r -> r.incr(RedisTier.generationKey(tenant)));
		deleteRows();

		assertThat(cache.get(key)).as("this node's copy, until it re-reads the generation").isPresent();
		clock.advance(Generations.FRESH);
		assertThat(cache.get(key)).isEmpty();
	}

	@Test
	void whenRedisDiesTheCacheAnswersFromMemoryAndPostgresAndCatchesUpWhenItReturns() throws IOException {
		CacheKey before = key("cached before Redis died");
		cache.put(before, reply("from before"));

		redis.stop();

		assertThat(cache.get(before)).map(CachedReply::text).contains("from before");
		cache.memory().clear();
		assertThat(cache.get(before)).as("from PostgreSQL").map(CachedReply::text).contains("from before");
		CacheKey during = key("cached while Redis is down");
		cache.put(during, reply("from during"));
		assertThat(cache.get(during)).map(CachedReply::text).contains("from during");
		assertThat(cache.stats(tenant).l2().active()).isFalse();
		assertThat(cache.invalidate(tenant)).as("two memory entries and two rows").isEqualTo(4);
		assertThat(cache.get(before)).isEmpty();
		cache.put(during, reply("after the invalidation"));

		redis = startRedis(REDIS_PORT);
		clock.advance(RedisTier.RETRY);
		cache.get(key("wakes the tier up"));
		assertThat(cache.awaitRedis(Duration.ofSeconds(10))).isTrue();

		assertThat(cache.get(during)).as("memory entry of the generation sent once Redis answered")
			.map(CachedReply::text).contains("after the invalidation");
		assertThat(redisGet(RedisTier.generationKey(tenant))).isEqualTo("1");
		assertThat(cache.stats(tenant).l2().active()).isTrue();
	}


	private static RedisServer startRedis() {
		return startRedis(REDIS_PORT);
	}

	private static RedisServer startRedis(int port) {
		return EmbeddedRedis.start(port);
	}
}
