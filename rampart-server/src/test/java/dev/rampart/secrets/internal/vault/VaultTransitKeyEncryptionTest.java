package dev.rampart.secrets.internal.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.HexFormat;

import dev.rampart.secrets.GeneratedDataKey;
import dev.rampart.secrets.KeyStatus;
import dev.rampart.secrets.KeyVersionRetiredException;
import dev.rampart.secrets.SecretsProperties;
import dev.rampart.secrets.WrappedKey;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VaultTransitKeyEncryptionTest {

	private static final byte[] DATA_KEY = HexFormat.of()
			.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

	private FakeVault vault;
	private VaultConnection connection;
	private VaultTransitKeyEncryption kek;

	@BeforeEach
	void startVault() {
		vault = FakeVault.start("s.test-token");
		connection = VaultConnection.open(settings(vault, vault.token()));
		kek = new VaultTransitKeyEncryption(connection.calls(), "transit", "rampart");
	}

	@AfterEach
	void stopVault() {
		connection.close();
		vault.close();
	}

	static SecretsProperties.Vault settings(FakeVault vault, String token) {
		return new SecretsProperties.Vault(vault.uri(), token, "transit", "rampart", "secret", "rampart/",
				Duration.ofSeconds(2));
	}

	@Test
	void givenNoTransitKeyWhenFirstUsedThenItCreatesAnAes256Gcm96Key() {
		assertThat(vault.keyVersions("rampart")).isZero();

		kek.wrap(DATA_KEY);

		assertThat(vault.keyType("rampart")).contains("aes256-gcm96");
		assertThat(vault.keyVersions("rampart")).isEqualTo(1);
	}

	@Test
	void generatedDataKeyUnwrapsToItsPlaintext() {
		GeneratedDataKey generated = kek.generateDataKey();

		assertThat(generated.plaintext()).hasSize(32);
		assertThat(generated.wrapped().version()).isEqualTo(1);
		assertThat(generated.wrapped().encoded()).startsWith("vault:v1:");
		assertThat(kek.unwrap(generated.wrapped())).isEqualTo(generated.plaintext());
	}

	@Test
	void wrappedKeyUnwrapsToTheSameBytes() {
		WrappedKey wrapped = kek.wrap(DATA_KEY);

		assertThat(wrapped.encoded()).startsWith("vault:v1:").doesNotContain(HexFormat.of().formatHex(DATA_KEY));
		assertThat(kek.unwrap(WrappedKey.parse(wrapped.encoded()))).isEqualTo(DATA_KEY);
	}

	@Test
	void givenARotatedKeyWhenRewrappedThenTheV2KeyUnwrapsToTheSameBytes() {
		WrappedKey v1 = kek.wrap(DATA_KEY);

		int current = kek.rotate();
		int before = vault.requestLines().size();
		WrappedKey v2 = kek.rewrap(v1);
		List<String> rewrapCalls = vault.requestLines().subList(before, vault.requestLines().size());

		assertThat(current).isEqualTo(2);
		assertThat(v2.version()).isEqualTo(2);
		assertThat(v2.encoded()).startsWith("vault:v2:");
		assertThat(kek.unwrap(v2)).isEqualTo(DATA_KEY);
		assertThat(kek.unwrap(v1)).as("v1 stays readable until retired").isEqualTo(DATA_KEY);
		assertThat(rewrapCalls).as("the data key never leaves Vault").containsExactly("POST /v1/transit/rewrap/rampart");
	}

	@Test
	void givenMinDecryptionVersion2WhenAV1KeyIsUnwrappedOrRewrappedThenItIsRefusedAsRetired() {
		WrappedKey v1 = kek.wrap(DATA_KEY);
		kek.rotate();

		kek.setMinDecryptionVersion(2);

		assertThat(vault.minDecryptionVersion("rampart")).isEqualTo(2);
		assertThatThrownBy(() -> kek.unwrap(v1)).isInstanceOfSatisfying(KeyVersionRetiredException.class,
				ex -> assertThat(ex.technicalDetails()).contains("Key version 1", "minimum decryption version 2"));
		assertThatThrownBy(() -> kek.rewrap(v1)).isInstanceOf(KeyVersionRetiredException.class);
		assertThat(kek.unwrap(kek.wrap(DATA_KEY))).isEqualTo(DATA_KEY);
	}

	@Test
	void minDecryptionVersionAboveTheCurrentVersionIsRefusedBeforeCallingVault() {
		kek.wrap(DATA_KEY);

		assertThatThrownBy(() -> kek.setMinDecryptionVersion(2)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> kek.setMinDecryptionVersion(0)).isInstanceOf(IllegalArgumentException.class);
		assertThat(vault.minDecryptionVersion("rampart")).isEqualTo(1);
	}

	@Test
	void statusReportsCurrentVersionMinimumAndEveryVersionWithItsCreationTime() {
		Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		kek.rotate();
		kek.rotate();
		kek.setMinDecryptionVersion(2);

		KeyStatus status = kek.status();

		assertThat(status.backend()).isEqualTo("vault-transit");
		assertThat(status.currentVersion()).isEqualTo(3);
		assertThat(status.minDecryptionVersion()).isEqualTo(2);
		assertThat(status.versions()).extracting(KeyStatus.Version::version).containsExactly(1, 2, 3);
		assertThat(status.versions().getFirst().createdAt()).as("Vault does not list archived versions").isNull();
		assertThat(status.versions().subList(1, 3))
			.allSatisfy(version -> assertThat(version.createdAt()).isNotNull().isAfterOrEqualTo(before));
	}

	@Test
	void anAlteredCiphertextFailsAsDecryptionFailedNotAsRetired() {
		String encoded = kek.wrap(DATA_KEY).encoded();
		char[] chars = encoded.toCharArray();
		int last = chars.length - 3;
		chars[last] = chars[last] == 'A' ? 'B' : 'A';

		assertThatThrownBy(() -> kek.unwrap(WrappedKey.parse(new String(chars))))
			.isInstanceOfSatisfying(RampartException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.DECRYPTION_FAILED));
	}

	@Test
	void aKeyWrappedByTheKeyringIsRefusedWithoutCallingVault() {
		int before = vault.requestCount();

		assertThatThrownBy(() -> kek.unwrap(WrappedKey.parse("keyring:v1:AAAA")))
			.isInstanceOfSatisfying(RampartException.class, ex -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.DECRYPTION_FAILED);
				assertThat(ex.technicalDetails()).contains("keyring", "rampart.secrets.kek.backend");
			});
		assertThat(vault.requestCount()).isEqualTo(before);
	}

	@Test
	void anExistingKeyIsUsedAsItIsAndCheckedOnlyOnce() {
		kek.wrap(DATA_KEY);
		kek.rotate();
		VaultTransitKeyEncryption another = new VaultTransitKeyEncryption(connection.calls(), "/transit/", "rampart");

		WrappedKey wrapped = another.wrap(DATA_KEY);
		another.wrap(DATA_KEY);

		assertThat(wrapped.version()).isEqualTo(2);
		assertThat(vault.requestLines()).filteredOn(line -> line.equals("GET /v1/transit/keys/rampart")).hasSize(2);
	}
}
