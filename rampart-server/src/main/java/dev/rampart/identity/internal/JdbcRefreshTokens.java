package dev.rampart.identity.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.identity.InvalidTokenException;
import dev.rampart.identity.RefreshTokenProperties;
import dev.rampart.identity.RefreshTokenReused;
import dev.rampart.identity.RefreshTokens;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link RefreshTokens} in {@code refresh_token_families} and {@code refresh_tokens}. Tokens are
 * {@code rt_} plus 256 random bits in base64url; only their SHA-256 is stored (a fast hash is
 * enough for values with 256 bits of entropy).
 */
final class JdbcRefreshTokens implements RefreshTokens {

	private static final Logger log = LoggerFactory.getLogger(JdbcRefreshTokens.class);
	private static final String PREFIX = "rt_";
	private static final String KIND = "refresh token";
	private static final String BY_HASH = "a refresh token is found by its hash before its tenant is known";
	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final RefreshTokenProperties properties;
	private final Clock clock;
	private final TenantTransactions transactions;
	private final ApplicationEventPublisher events;

	JdbcRefreshTokens(JdbcClient jdbc, RefreshTokenProperties properties, Clock clock, TenantTransactions transactions,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.transactions = transactions;
		this.events = events;
	}

	@Override
	public Issued start(UUID user, TenantId tenant) {
		Instant now = clock.instant();
		UUID family = UuidV7.next(clock);
		Instant absolute = now.plus(properties.absoluteLifetime());
		return transactions.inTenant(tenant, () -> {
			jdbc.sql("""
					insert into refresh_token_families (id, user_id, tenant_id, created_at, absolute_expires_at)
					values (:id, :user, :tenant, :now, :absolute)""")
				.param("id", family).param("user", user).param("tenant", tenant.value())
				.param("now", ts(now)).param("absolute", ts(absolute))
				.update();
			return insertToken(family, null, now, absolute);
		});
	}

	@Override
	public Rotated rotate(SecretValue presented) {
		byte[] hash = hash(presented);
		Instant now = clock.instant();
		Optional<Rotated> rotated = transactions.asSystem(BY_HASH, () -> jdbc.sql("""
				update refresh_tokens t set used_at = :now
				from refresh_token_families f
				where t.token_hash = :hash and t.family_id = f.id and t.used_at is null and f.revoked_at is null
				and t.idle_expires_at > :now and f.absolute_expires_at > :now
				returning t.id, t.family_id, f.user_id, f.tenant_id, f.absolute_expires_at""")
			.param("now", ts(now)).param("hash", hash)
			.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
					rs.getObject(4, UUID.class), rs.getTimestamp(5).toInstant() })
			.optional()
			.map(row -> new Rotated(insertToken((UUID) row[1], (UUID) row[0], now, (Instant) row[4]), (UUID) row[2],
					new TenantId((UUID) row[3]))));
		if (rotated.isPresent()) {
			return rotated.get();
		}
		throw transactions.asSystem(BY_HASH, () -> refusal(hash, now));
	}

	@Override
	public boolean revokeFamily(SecretValue presented, String reason) {
		return transactions.asSystem(BY_HASH, () -> jdbc.sql("""
				update refresh_token_families f set revoked_at = coalesce(f.revoked_at, :now),
					revoked_reason = coalesce(f.revoked_reason, :reason)
				from refresh_tokens t where t.token_hash = :hash and t.family_id = f.id""")
			.param("now", ts(clock.instant())).param("reason", reason).param("hash", hash(presented))
			.update()) > 0;
	}

	@Override
	public int revokeAll(UUID user, String reason) {
		return transactions.asSystem("a user's sessions are revoked in every tenant", () -> jdbc.sql("""
				update refresh_token_families set revoked_at = :now, revoked_reason = :reason
				where user_id = :user and revoked_at is null""")
			.param("now", ts(clock.instant())).param("reason", reason).param("user", user)
			.update());
	}

	/**
	 * Why a token did not rotate: reuse revokes its family; anything else is plainly invalid. Returned,
	 * not thrown, so the revocation commits.
	 */
	private RuntimeException refusal(byte[] hash, Instant now) {
		record Seen(UUID family, UUID user, TenantId tenant, @Nullable Instant usedAt, @Nullable Instant revokedAt) {
		}
		Seen seen = jdbc.sql("""
				select f.id, f.user_id, f.tenant_id, t.used_at, f.revoked_at from refresh_tokens t
				join refresh_token_families f on f.id = t.family_id where t.token_hash = :hash""")
			.param("hash", hash)
			.query((rs, n) -> new Seen(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					new TenantId(rs.getObject(3, UUID.class)), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))))
			.optional()
			.orElse(null);
		if (seen == null) {
			return new InvalidTokenException("unknown refresh token", false, KIND);
		}
		if (seen.revokedAt() != null) {
			return new InvalidTokenException("refresh token family revoked", false, KIND);
		}
		if (seen.usedAt() == null) {
			return new InvalidTokenException("refresh token expired", true, KIND);
		}
		if (seen.usedAt().plus(properties.reuseGrace()).isAfter(now)) {
			return new InvalidTokenException("refresh token used moments ago (within the reuse grace)", false, KIND);
		}
		int revoked = jdbc.sql("""
				update refresh_token_families set revoked_at = :now, revoked_reason = 'reuse'
				where id = :family and revoked_at is null""")
			.param("now", ts(now)).param("family", seen.family())
			.update();
		if (revoked > 0) {
			log.warn("Refresh token reuse in family {} of user {}: the family is revoked", seen.family(), seen.user());
			events.publishEvent(new RefreshTokenReused(seen.tenant(), seen.user(), seen.family()));
		}
		return new RampartException(ErrorCode.REFRESH_TOKEN_REUSED, "The refresh token had already been used.");
	}

	private Issued insertToken(UUID family, @Nullable UUID parent, Instant now, Instant absolute) {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		SecretValue token = SecretValue.of(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
		Arrays.fill(random, (byte) 0);
		Instant idle = now.plus(properties.idleTimeout());
		Instant idleExpires = idle.isBefore(absolute) ? idle : absolute;
		jdbc.sql("""
				insert into refresh_tokens (id, family_id, parent_id, token_hash, created_at, idle_expires_at)
				values (:id, :family, :parent, :hash, :now, :idle)""")
			.param("id", UuidV7.next(clock)).param("family", family).param("parent", parent)
			.param("hash", hash(token)).param("now", ts(now)).param("idle", ts(idleExpires))
			.update();
		return new Issued(token, family, idleExpires, absolute);
	}

	static byte[] hash(SecretValue token) {
		byte[] bytes = token.bytes();
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
		finally {
			Arrays.fill(bytes, (byte) 0);
		}
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
