package dev.rampart.identity.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.rampart.identity.TokenProperties;
import dev.rampart.secrets.EncryptionContext;
import dev.rampart.secrets.EnvelopeEncryption;
import dev.rampart.secrets.KeyPurpose;
import dev.rampart.shared.IndependentTransactions;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ES256 keys that sign access tokens. The newest key signs until it is older than
 * {@code signing-key-rotation}; then a new one is created (by whichever node needs it first; two
 * nodes racing both create one, and both verify). A key keeps verifying, and stays in the JWKS,
 * for one token lifetime plus the clock skew after it stopped signing. Private keys are stored
 * envelope-encrypted through the secrets module.
 */
final class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
	private static final Duration RELOAD_EVERY = Duration.ofSeconds(60);
	private static final Duration UNKNOWN_KID_RELOAD_GAP = Duration.ofSeconds(5);

	private final JdbcClient jdbc;
	private final EnvelopeEncryption encryption;
	private final TokenProperties properties;
	private final Clock clock;
	private final TransactionTemplate ownTransaction;
	private volatile Snapshot snapshot = new Snapshot(List.of(), Instant.MIN);

	/** One key; {@code privateKey} is absent once the key only verifies. */
	record SigningKey(String kid, ECKey publicKey, @Nullable ECKey privateKey, Instant createdAt) {
	}

	private record Snapshot(List<SigningKey> keys, Instant loadedAt) {
	}

	SigningKeys(JdbcClient jdbc, EnvelopeEncryption encryption, TokenProperties properties, Clock clock,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.properties = properties;
		this.clock = clock;
		this.ownTransaction = IndependentTransactions.of(transactions);
	}

	/** The key to sign with now, created if the newest one is due for rotation. */
	SigningKey current() {
		Instant now = clock.instant();
		Optional<SigningKey> newest = fresh(now).keys().stream()
			.filter(key -> key.privateKey() != null && key.createdAt().isAfter(now.minus(properties.signingKeyRotation())))
			.max(Comparator.comparing(SigningKey::createdAt));
		if (newest.isPresent()) {
			return newest.get();
		}
		synchronized (this) {
			create(now);
			snapshot = load(now);
			return snapshot.keys().stream().filter(key -> key.privateKey() != null).max(Comparator.comparing(SigningKey::createdAt))
				.orElseThrow();
		}
	}

	/** A key that may verify tokens now; an unknown kid reloads at most every few seconds. */
	Optional<SigningKey> find(String kid) {
		Instant now = clock.instant();
		Optional<SigningKey> found = byKid(fresh(now), kid);
		if (found.isEmpty() && snapshot.loadedAt().isBefore(now.minus(UNKNOWN_KID_RELOAD_GAP))) {
			snapshot = load(now);
			found = byKid(snapshot, kid);
		}
		return found;
	}

	/** The public keys clients may verify with: every key that may still have signed a valid token. */
	List<ECKey> published() {
		return fresh(clock.instant()).keys().stream().map(SigningKey::publicKey).toList();
	}

	private Optional<SigningKey> byKid(Snapshot from, String kid) {
		return from.keys().stream().filter(key -> key.kid().equals(kid)).findFirst();
	}

	private Snapshot fresh(Instant now) {
		Snapshot current = snapshot;
		if (current.loadedAt().isBefore(now.minus(RELOAD_EVERY)) || current.loadedAt().isAfter(now)) {
			current = load(now);
			snapshot = current;
		}
		return current;
	}

	/** Keys created after {@code now - (rotation + overlap)}: older ones cannot have signed a token that is still valid. */
	private Snapshot load(Instant now) {
		Instant oldest = now.minus(properties.signingKeyRotation()).minus(properties.verificationOverlap());
		List<SigningKey> keys = jdbc.sql("""
				select kid, public_jwk, private_jwk, created_at from signing_keys
				where created_at > :oldest and created_at <= :newest order by created_at desc""")
			.param("oldest", Timestamp.from(oldest))
			.param("newest", Timestamp.from(now.plus(properties.clockSkew())))
			.query((rs, n) -> key(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getTimestamp(4).toInstant(), now))
			.list();
		return new Snapshot(keys, now);
	}

	private SigningKey key(String kid, String publicJwk, byte[] privateCiphertext, Instant createdAt, Instant now) {
		try {
			ECKey publicKey = ECKey.parse(publicJwk);
			boolean signs = createdAt.isAfter(now.minus(properties.signingKeyRotation()));
			if (!signs) {
				return new SigningKey(kid, publicKey, null, createdAt);
			}
			byte[] json = encryption.decrypt(context(kid), privateCiphertext);
			try {
				return new SigningKey(kid, publicKey, ECKey.parse(new String(json, StandardCharsets.UTF_8)), createdAt);
			}
			finally {
				Arrays.fill(json, (byte) 0);
			}
		}
		catch (ParseException ex) {
			throw new IllegalStateException("signing key " + kid + " is not a valid JWK", ex);
		}
	}

	private void create(Instant now) {
		String kid = UuidV7.next(clock).toString();
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
				.generate();
			byte[] privateJson = key.toJSONString().getBytes(StandardCharsets.UTF_8);
			try {
				// Its own transaction: a caller's rollback must not drop a key that already signed tokens.
				ownTransaction.executeWithoutResult(status -> jdbc.sql("insert into signing_keys (kid, public_jwk, private_jwk, created_at) values (:kid, :public, :private, :now)")
					.param("kid", kid)
					.param("public", key.toPublicJWK().toJSONString())
					.param("private", encryption.encrypt(KeyPurpose.SIGNING_KEYS, context(kid), privateJson))
					.param("now", Timestamp.from(now))
					.update());
			}
			finally {
				Arrays.fill(privateJson, (byte) 0);
			}
			log.info("New access-token signing key {} (ES256) is now current", kid);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("could not generate a P-256 key", ex);
		}
	}

	private static EncryptionContext context(String kid) {
		return EncryptionContext.of(TenantId.PLATFORM, "signing_keys", "private_jwk", kid);
	}
}
