package dev.rampart.secrets.internal.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.rampart.secrets.KeyServiceUnavailableException;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VaultKvSecretSourceTest {

	private static final String TOKEN = "s.kv-test-token";

	private FakeVault vault;
	private VaultConnection connection;
	private VaultKvSecretSource source;

	@BeforeEach
	void startVault() {
		vault = FakeVault.start(TOKEN);
		connection = VaultConnection.open(VaultTransitKeyEncryptionTest.settings(vault, TOKEN));
		source = new VaultKvSecretSource(connection.calls(), "secret", "rampart/");
	}

	@AfterEach
	void stopVault() {
		connection.close();
		vault.close();
	}

	@Test
	void isAWritableSourceNamedVaultKv() {
		assertThat(source.name()).isEqualTo("vault-kv");
		assertThat(source.writable()).isTrue();
	}

	@Test
	void givenAWrittenSecretWhenReadThenItComesBackFromTheValueFieldUnderThePrefix() {
		source.write("providers/openai", SecretValue.of("sk-first-value-1234"));

		assertThat(vault.kvData("rampart/providers/openai")).contains(Map.of("value", "sk-first-value-1234"));
		assertThat(source.read("providers/openai")).hasValueSatisfying(
				value -> assertThat(value.reveal()).isEqualTo("sk-first-value-1234"));
	}

	@Test
	void givenASecondWriteWhenReadThenTheLatestVersionIsReturned() {
		source.write("providers/openai", SecretValue.of("first"));

		source.write("providers/openai", SecretValue.of("second"));

		assertThat(vault.kvVersions("rampart/providers/openai")).isEqualTo(2);
		assertThat(source.read("providers/openai")).hasValueSatisfying(value -> assertThat(value.reveal()).isEqualTo("second"));
	}

	@Test
	void givenASecretWithVersionsWhenDeletedThenEveryVersionIsGone() {
		source.write("tools/github", SecretValue.of("one"));
		source.write("tools/github", SecretValue.of("two"));

		boolean deleted = source.delete("tools/github");

		assertThat(deleted).isTrue();
		assertThat(vault.kvVersions("rampart/tools/github")).isZero();
		assertThat(source.read("tools/github")).isEmpty();
		assertThat(source.delete("tools/github")).as("nothing left to delete").isFalse();
	}

	@Test
	void aMissingSecretReadsAsEmpty() {
		assertThat(source.read("never/written")).isEmpty();
		assertThat(source.delete("never/written")).isFalse();
	}

	@Test
	void aSecretWrittenInVaultWithoutAValueFieldIsReportedAsNotFoundWithTheReason() {
		vault.putKv("rampart/by-hand", Map.of("api_key", "x"));

		assertThatThrownBy(() -> source.read("by-hand")).isInstanceOfSatisfying(RampartException.class, ex -> {
			assertThat(ex.code()).isEqualTo(ErrorCode.SECRET_NOT_FOUND);
			assertThat(ex.technicalDetails()).contains("\"value\"");
		});
	}

	@Test
	void theWrittenValueStaysTheCallersAndIsNotWiped() {
		SecretValue value = SecretValue.of("keep-me");

		source.write("x", value);

		assertThat(value.isClosed()).isFalse();
		assertThat(value.reveal()).isEqualTo("keep-me");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/leading", "trailing/", "a//b", "../escape", "a/../b", "./a", "a b", "a?version=1",
			"a{b}", "a%2Fb" })
	void pathsThatCouldLeaveThePrefixOrChangeTheRequestAreRefused(String path) {
		assertThatThrownBy(() -> source.read(path)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> source.write(path, SecretValue.of("v"))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> source.delete(path)).isInstanceOf(IllegalArgumentException.class);
		assertThat(vault.requestCount()).isZero();
	}

	@Test
	void givenAnUnavailableVaultThenReadsWritesAndDeletesReportTheKeyServiceUnavailable() {
		vault.setAvailable(false);

		assertThatThrownBy(() -> source.read("a")).isInstanceOf(KeyServiceUnavailableException.class);
		assertThatThrownBy(() -> source.write("a", SecretValue.of("secret-value-xyz")))
			.isInstanceOfSatisfying(KeyServiceUnavailableException.class,
					ex -> assertThat(ex.getMessage()).doesNotContain("secret-value-xyz", TOKEN));
		assertThatThrownBy(() -> source.delete("a")).isInstanceOf(KeyServiceUnavailableException.class);
	}

	@Test
	void givenAWrongTokenThenReadingSaysTheTokenLacksAPolicy() {
		try (VaultConnection wrongToken = VaultConnection.open(VaultTransitKeyEncryptionTest.settings(vault, "s.wrong"))) {
			VaultKvSecretSource denied = new VaultKvSecretSource(wrongToken.calls(), "secret", "rampart/");

			assertThatThrownBy(() -> denied.read("a")).isInstanceOfSatisfying(KeyServiceUnavailableException.class,
					ex -> assertThat(ex.technicalDetails()).contains("secret/data/rampart/a", "token lacks a policy"));
		}
	}
}
