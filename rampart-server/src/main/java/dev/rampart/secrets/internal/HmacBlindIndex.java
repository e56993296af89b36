package dev.rampart.secrets.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import dev.rampart.secrets.BlindIndex;
import dev.rampart.secrets.EncryptionContext;
import dev.rampart.secrets.EnvelopeEncryption;
import dev.rampart.secrets.KeyPurpose;
import dev.rampart.shared.IndependentTransactions;
import dev.rampart.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link BlindIndex} whose per-scope HMAC keys live, envelope-encrypted, in {@code stored_secrets}
 * under {@code platform/blind-index/<scope>}. The first node to need a scope creates its key; a
 * concurrent creator loses the insert and reads the winner's key, so every node digests alike.
 */
final class HmacBlindIndex implements BlindIndex {

	private static final String ALGORITHM = "HmacSHA256";
	private static final String PATH_PREFIX = "platform/blind-index/";

	private final JdbcClient jdbc;
	private final EnvelopeEncryption encryption;
	private final Clock clock;
	private final TransactionTemplate ownTransaction;
	private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();

	HmacBlindIndex(JdbcClient jdbc, EnvelopeEncryption encryption, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.clock = clock;
		this.ownTransaction = IndependentTransactions.of(transactions);
	}

	@Override
	public byte[] digest(String scope, String value) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(keys.computeIfAbsent(scope, this::keyOf));
			return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JDK", ex);
		}
	}

	private SecretKey keyOf(String scope) {
		String path = PATH_PREFIX + scope;
		EncryptionContext context = EncryptionContext.of(TenantId.PLATFORM, "stored_secrets", "ciphertext", path);
		byte[] fresh = Aes256Gcm.newKey();
		try {
			// Its own transaction: a caller's rollback must not lose a key this node goes on using.
			ownTransaction.executeWithoutResult(status -> jdbc.sql("""
					insert into stored_secrets (path, ciphertext, version, updated_at) values (:path, :ciphertext, 1, :now)
					on conflict (path) do nothing""")
				.param("path", path)
				.param("ciphertext", encryption.encrypt(KeyPurpose.BLIND_INDEX, context, fresh))
				.param("now", Timestamp.from(clock.instant()))
				.update());
		}
		finally {
			Arrays.fill(fresh, (byte) 0);
		}
		byte[] stored = encryption.decrypt(context,
				jdbc.sql("select ciphertext from stored_secrets where path = :path").param("path", path).query(byte[].class).single());
		try {
			return new SecretKeySpec(stored, ALGORITHM);
		}
		finally {
			Arrays.fill(stored, (byte) 0);
		}
	}
}
