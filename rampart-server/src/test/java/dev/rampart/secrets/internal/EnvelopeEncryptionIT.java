package dev.rampart.secrets.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.ServerTest;
import dev.rampart.secrets.EncryptionContext;
import dev.rampart.secrets.EnvelopeEncryption;
import dev.rampart.secrets.KeyEncryptionService;
import dev.rampart.secrets.KeyPurpose;
import dev.rampart.secrets.SecretsProperties;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ServerTest
class EnvelopeEncryptionIT {

	private static final TenantId ACME = TenantId.of("0190a000-0000-7000-8000-00000000000a");
	private static final TenantId GLOBEX = TenantId.of("0190a000-0000-7000-8000-00000000000b");
	private static final byte[] SECRET = "sk-live-4f1c9b2e7d".getBytes(StandardCharsets.UTF_8);

	@Autowired
	EnvelopeEncryption encryption;

	JdbcClient jdbc;

	/** What is stored, seen past row-level security. */
	@Autowired
	void owner(DataSource dataSource) {
		jdbc = DatabaseOwner.jdbc(dataSource);
	}

	@Autowired
	KeyEncryptionService kek;

	@Autowired
	PlatformTransactionManager transactions;

	private final EncryptionContext acmeRow = EncryptionContext.of(ACME, "credentials", "secret", "row-1");

	@Test
	void whatIsEncryptedDecryptsInTheSameContext() {
		byte[] ciphertext = encryption.encrypt(KeyPurpose.CREDENTIALS, acmeRow, SECRET);

		assertThat(ciphertext[0]).isEqualTo((byte) 1);
		assertThat(ciphertext).hasSize(1 + 16 + 12 + SECRET.length + 16);
		assertThat(encryption.decrypt(acmeRow, ciphertext)).isEqualTo(SECRET);
	}

	@Test
	void tamperingWithAnyByteOfTheCiphertextFailsToDecrypt() {
		byte[] ciphertext = encryption.encrypt(KeyPurpose.CREDENTIALS, acmeRow, SECRET);

		for (int i = 0; i < ciphertext.length; i++) {
			byte[] tampered = ciphertext.clone();
			tampered[i] ^= 0x01;
			assertThatThrownBy(() -> encryption.decrypt(acmeRow, tampered)).as("byte %d flipped", i)
				.isInstanceOfSatisfying(RampartException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DECRYPTION_FAILED));
		}
	}

	@Test
	void ciphertextCopiedToAnotherTenantColumnOrRowFailsToDecrypt() {
		byte[] ciphertext = encryption.encrypt(KeyPurpose.CREDENTIALS, acmeRow, SECRET);

		for (EncryptionContext elsewhere : new EncryptionContext[] {
				EncryptionContext.of(GLOBEX, "credentials", "secret", "row-1"),
				EncryptionContext.of(ACME, "credentials", "description", "row-1"),
				EncryptionContext.of(ACME, "stored_secrets", "secret", "row-1"),
				EncryptionContext.of(ACME, "credentials", "secret", "row-2") }) {
			assertThatThrownBy(() -> encryption.decrypt(elsewhere, ciphertext)).as("decrypted in %s", elsewhere)
				.isInstanceOfSatisfying(RampartException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DECRYPTION_FAILED));
		}
	}

	@Test
	void eachTenantAndPurposeHasItsOwnDataKey() {
		UUID acmeCredentials = DataKeyEnvelopes.keyId(encryption.encrypt(KeyPurpose.CREDENTIALS, acmeRow, SECRET));
		UUID acmePersonal = DataKeyEnvelopes.keyId(encryption.encrypt(KeyPurpose.PERSONAL_DATA, acmeRow, SECRET));
		UUID globexCredentials = DataKeyEnvelopes.keyId(encryption.encrypt(KeyPurpose.CREDENTIALS,
				EncryptionContext.of(GLOBEX, "credentials", "secret", "row-1"), SECRET));

		assertThat(Set.of(acmeCredentials, acmePersonal, globexCredentials)).hasSize(3);
		assertThat(jdbc.sql("select tenant_id from data_keys where id = :id").param("id", acmeCredentials)
			.query(UUID.class).single()).isEqualTo(ACME.value());
	}

	@Test
	void aMillionEncryptionsNeverRepeatANonce() {
		EncryptionContext context = EncryptionContext.of(TenantId.of("0190a000-0000-7000-8000-0000000000cc"), "t", "c", "r");
		byte[] plaintext = new byte[16];
		Set<ByteBuffer> nonces = new HashSet<>(2_000_000);

		for (int i = 0; i < 1_000_000; i++) {
			byte[] ciphertext = encryption.encrypt(KeyPurpose.CREDENTIALS, context, plaintext);
			nonces.add(ByteBuffer.wrap(Aes256Gcm.nonce(ciphertext, DataKeyEnvelopes.HEADER_BYTES)));
		}

		assertThat(nonces).hasSize(1_000_000);
	}

	@Test
	void aDataKeyWhoseBudgetIsSpentIsReplacedByANewGenerationAndBothStillDecrypt() {
		DataKeys small = new DataKeys(jdbc, kek, new SecretsProperties.DataKey(10, 4), Clock.systemUTC(), transactions);
		DataKeyEnvelopes envelopes = new DataKeyEnvelopes(small);
		TenantId tenant = TenantId.of("0190a000-0000-7000-8000-0000000000dd");
		EncryptionContext context = EncryptionContext.of(tenant, "t", "c", "r");

		byte[][] ciphertexts = new byte[25][];
		for (int i = 0; i < ciphertexts.length; i++) {
			ciphertexts[i] = envelopes.encrypt(KeyPurpose.CREDENTIALS, context, SECRET);
		}

		assertThat(jdbc.sql("select generation, encryptions_reserved from data_keys where tenant_id = :t order by generation")
			.param("t", tenant.value()).query((rs, n) -> rs.getInt(1) + ":" + rs.getLong(2)).list())
			.containsExactly("1:10", "2:10", "3:8");
		for (byte[] ciphertext : ciphertexts) {
			assertThat(encryption.decrypt(context, ciphertext)).isEqualTo(SECRET);
		}
	}

	@Test
	void aValueThatIsNotACiphertextIsReportedAsSuch() {
		assertThatThrownBy(() -> encryption.decrypt(acmeRow, "plain text".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOfSatisfying(RampartException.class, e -> {
				assertThat(e.code()).isEqualTo(ErrorCode.DECRYPTION_FAILED);
				assertThat(e.technicalDetails()).contains("not a Rampart ciphertext");
			});
	}
}
