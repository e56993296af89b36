package dev.rampart.identity.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.MovableClock;
import dev.rampart.ServerTest;
import dev.rampart.identity.ApiKeys.Created;
import dev.rampart.identity.ApiKeys;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** API keys: shown once, stored hashed, identifiable, scoped, expiring, revocable. */
@ServerTest
class ApiKeysIT {

	private final JdbcClient jdbc;
	private MovableClock clock;
	private ApiKeys keys;
	private TenantId tenant;

	private final JdbcClient owner;
	private final TenantTransactions transactions;

	@Autowired
	ApiKeysIT(JdbcClient jdbc, DataSource dataSource, TenantTransactions transactions) {
		this.jdbc = jdbc;
		this.owner = DatabaseOwner.jdbc(dataSource);
		this.transactions = transactions;
	}

	@BeforeEach
	void keys() {
		clock = new MovableClock(Instant.parse("2026-11-24T12:00:00Z"));
		JdbcApiKeys apiKeys = new JdbcApiKeys(jdbc, transactions, clock, IdentityCachesIT.CACHES);
		// As if its change listener were connected: every test here runs with the cache on.
		apiKeys.cache().listening(true);
		keys = apiKeys;
		tenant = new TenantId(UUID.randomUUID());
	}

	@Test
	void aNewKeyIsShownOnceWithAnIdentifiablePrefixAndAuthenticatesWithItsScope() {
		Created created = keys.create(tenant, "user-1", "ci deploys", Set.of("agent:execute", "run:read"), null);

		String secret = created.secret().reveal();
		assertThat(secret).matches("rpk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}").startsWith(created.key().prefix() + "_");
		ApiKeys.ApiKey key = keys.authenticate(SecretValue.of(secret)).orElseThrow();
		assertThat(key.tenant()).isEqualTo(tenant);
		assertThat(key.permissions()).containsExactlyInAnyOrder("agent:execute", "run:read");
		assertThat(key.createdBy()).isEqualTo("user-1");
		assertThat(keys.list(tenant)).extracting(ApiKeys.ApiKey::id).containsExactly(created.key().id());
	}

	@Test
	void onlyTheHashIsStored() {
		String secret = keys.create(tenant, "user-1", "k", Set.of(), null).secret().reveal();

		long inClear = owner.sql("select count(*) from api_keys where position(convert_to(:s, 'UTF8') in secret_hash) > 0 "
				+ "or prefix = :s or name = :s").param("s", secret).query(Long.class).single();

		assertThat(inClear).isZero();
		assertThat(secret.getBytes(StandardCharsets.US_ASCII)).hasSize(4 + 8 + 1 + 43);
	}

	@Test
	void aWrongSecretUnderARealPrefixOrAMalformedKeyDoesNotAuthenticate() {
		String secret = keys.create(tenant, "user-1", "k", Set.of(), null).secret().reveal();
		String sameLengthOtherSecret = secret.substring(0, 13) + "A".repeat(43);

		assertThat(keys.authenticate(SecretValue.of(sameLengthOtherSecret))).isEmpty();
		assertThat(keys.authenticate(SecretValue.of("rpk_nothex!!_x"))).isEmpty();
		assertThat(keys.authenticate(SecretValue.of("Bearer " + secret))).isEmpty();
	}

	@Test
	void anExpiredOrRevokedKeyNoLongerAuthenticates() {
		Created expiring = keys.create(tenant, "user-1", "short", Set.of(), clock.instant().plus(Duration.ofHours(1)));
		Created revoked = keys.create(tenant, "user-1", "revoked", Set.of(), null);

		assertThat(keys.authenticate(expiring.secret())).isPresent();
		clock.advance(Duration.ofHours(1));
		assertThat(keys.authenticate(expiring.secret())).isEmpty();

		assertThat(keys.revoke(tenant, revoked.key().id())).isTrue();
		assertThat(keys.authenticate(revoked.secret())).isEmpty();
		assertThat(keys.revoke(new TenantId(UUID.randomUUID()), expiring.key().id())).isFalse();
	}

	@Test
	void lastUsedIsRecordedAtMostOncePerMinute() {
		Created created = keys.create(tenant, "user-1", "k", Set.of(), null);

		keys.authenticate(created.secret());
		Instant first = keys.list(tenant).getFirst().lastUsedAt();
		clock.advance(Duration.ofSeconds(30));
		keys.authenticate(created.secret());
		assertThat(keys.list(tenant).getFirst().lastUsedAt()).isEqualTo(first);

		clock.advance(Duration.ofSeconds(31));
		keys.authenticate(created.secret());
		assertThat(keys.list(tenant).getFirst().lastUsedAt()).isEqualTo(clock.instant());
	}

	@Test
	void badInputIsRefusedFieldByField() {
		assertThatThrownBy(() -> keys.create(tenant, "u", " ", Set.of(), null)).isInstanceOf(InvalidFieldsException.class)
			.hasMessageContaining("name");
		assertThatThrownBy(() -> keys.create(tenant, "u", "k", Set.of("everything"), null))
			.isInstanceOf(InvalidFieldsException.class).hasMessageContaining("resource:action");
		assertThatThrownBy(() -> keys.create(tenant, "u", "k", Set.of(), clock.instant().minusSeconds(1)))
			.isInstanceOf(InvalidFieldsException.class).hasMessageContaining("expiresAt");
		assertThat(keys.list(tenant)).isEmpty();
	}
}
