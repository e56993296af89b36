package dev.rampart.secrets.internal.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import dev.rampart.secrets.KeyServiceUnavailableException;
import dev.rampart.secrets.SecretsProperties;
import dev.rampart.secrets.WrappedKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a Vault call fails ends as KeyServiceUnavailableException, and none of them leaks the token or key material. */
class VaultFailuresTest {

	private static final String TOKEN = "hvs.CAESIFakeVaultTokenThatMustNeverBeLogged";
	private static final byte[] DATA_KEY = HexFormat.of()
			.parseHex("f0e1d2c3b4a5968778695a4b3c2d1e0f00112233445566778899aabbccddeeff");

	private FakeVault vault;
	private VaultConnection connection;
	private VaultTransitKeyEncryption kek;

	@BeforeEach
	void startVault() {
		vault = FakeVault.start(TOKEN);
		connection = VaultConnection.open(VaultTransitKeyEncryptionTest.settings(vault, TOKEN));
		kek = new VaultTransitKeyEncryption(connection.calls(), "transit", "rampart");
	}

	@AfterEach
	void stopVault() {
		connection.close();
		vault.close();
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 500, 502, 503, 504, 429 })
	void givenVaultAnswersAServerErrorWhenWrappingThenTheKeyServiceIsUnavailable(int status) {
		WrappedKey wrapped = kek.wrap(DATA_KEY);
		vault.failWith(status);

		assertUnavailableWithoutSecrets(() -> kek.wrap(DATA_KEY), "HTTP " + status);
		assertUnavailableWithoutSecrets(() -> kek.unwrap(wrapped), "HTTP " + status);
	}

	@Test
	void givenASealedVaultWhenUnwrappingThenTheKeyServiceIsUnavailableUntilItIsBack() {
		WrappedKey wrapped = kek.wrap(DATA_KEY);
		vault.setAvailable(false);

		assertUnavailableWithoutSecrets(() -> kek.unwrap(wrapped), "sealed");

		vault.setAvailable(true);
		assertThat(kek.unwrap(wrapped)).isEqualTo(DATA_KEY);
	}

	@Test
	void givenAStoppedVaultWhenGeneratingADataKeyThenTheKeyServiceIsUnavailable() {
		vault.close();

		assertUnavailableWithoutSecrets(kek::generateDataKey, "could not be reached");
	}

	@Test
	void givenAVaultSlowerThanTheTimeoutWhenWrappingThenTheKeyServiceIsUnavailable() {
		kek.wrap(DATA_KEY);
		SecretsProperties.Vault impatient = new SecretsProperties.Vault(vault.uri(), TOKEN, "transit", "rampart", "secret",
				"rampart/", Duration.ofMillis(200));
		vault.setResponseDelay(Duration.ofSeconds(2));
		try (VaultConnection quick = VaultConnection.open(impatient)) {
			VaultTransitKeyEncryption impatientKek = new VaultTransitKeyEncryption(quick.calls(), "transit", "rampart");

			assertUnavailableWithoutSecrets(() -> impatientKek.wrap(DATA_KEY), "timed out");
		}
	}

	@Test
	void givenAWrongTokenWhenWrappingThenTheKeyServiceIsUnavailableAndSaysTheTokenLacksAPolicy() {
		try (VaultConnection wrongToken = VaultConnection.open(VaultTransitKeyEncryptionTest.settings(vault, "s.wrong"))) {
			VaultTransitKeyEncryption denied = new VaultTransitKeyEncryption(wrongToken.calls(), "transit", "rampart");

			assertUnavailableWithoutSecrets(() -> denied.wrap(DATA_KEY), "HTTP 403", "token lacks a policy");
		}
	}

	@Test
	void givenNoTransitEngineAtTheMountWhenCreatingTheKeyThenTheKeyServiceIsUnavailableAndNamesTheMount() {
		vault.failWith(404);

		assertUnavailableWithoutSecrets(() -> kek.wrap(DATA_KEY), "transit/keys/rampart", "mounted");
	}

	private static void assertUnavailableWithoutSecrets(Runnable call, String... detail) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(KeyServiceUnavailableException.class, ex -> {
			assertThat(ex.technicalDetails()).contains(detail);
			assertThat(ex.estimatedRecoveryTime()).isNotNull();
			for (String message : messages(ex)) {
				assertThat(message).doesNotContain(TOKEN, HexFormat.of().formatHex(DATA_KEY),
						Base64.getEncoder().encodeToString(DATA_KEY));
			}
		});
	}

	/** The messages of the exception and of every cause: what ends up in a log line. */
	private static List<String> messages(Throwable ex) {
		List<String> messages = new ArrayList<>();
		for (Throwable t = ex; t != null; t = t.getCause()) {
			messages.add(String.valueOf(t.getMessage()));
		}
		return messages;
	}
}
