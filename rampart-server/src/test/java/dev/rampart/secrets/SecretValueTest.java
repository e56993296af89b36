package dev.rampart.secrets;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretValueTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	record Holder(String name, SecretValue secret) {
	}

	@Test
	void toStringAndJsonNeverShowTheValue() {
		SecretValue secret = SecretValue.of("sk-very-secret-value");

		assertThat(secret.toString()).isEqualTo("[redacted]");
		assertThat(new Holder("n", secret).toString()).doesNotContain("sk-very");
		assertThat(JSON.writeValueAsString(new Holder("n", secret))).isEqualTo("{\"name\":\"n\",\"secret\":\"[redacted]\"}");
	}

	@Test
	void aJsonStringBindsToASecretValue() {
		Holder holder = JSON.readValue("{\"name\":\"n\",\"secret\":\"sk-from-json\"}", Holder.class);

		assertThat(holder.secret().reveal()).isEqualTo("sk-from-json");
	}

	@Test
	void closeWipesTheValueAndLaterReadsFail() {
		char[] source = "sk-wipe-me".toCharArray();
		SecretValue secret = SecretValue.ofChars(source);
		byte[] copy = secret.bytes();

		secret.close();

		assertThat(secret.isClosed()).isTrue();
		assertThatThrownBy(secret::reveal).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(secret::bytes).isInstanceOf(IllegalStateException.class);
		assertThat(new String(copy, StandardCharsets.UTF_8)).isEqualTo("sk-wipe-me");
	}

	@Test
	void readsAreCopiesSoWipingThemLeavesTheSecretIntact() {
		SecretValue secret = SecretValue.of("sk-original");
		char[] chars = secret.chars();
		java.util.Arrays.fill(chars, 'x');

		assertThat(secret.reveal()).isEqualTo("sk-original");
	}

	@Test
	void theHintShowsAtMostFourTrailingCharacters() {
		assertThat(SecretValue.of("sk-abcdefghijklmnopWXYZ").hint()).isEqualTo("••••WXYZ");
		assertThat(SecretValue.of("12345678").hint()).isEqualTo("••••78");
		assertThat(SecretValue.of("1234567").hint()).isEqualTo("••••");
	}

	@Test
	void blankAndEqualityChecks() {
		assertThat(SecretValue.of(" \t ").isBlank()).isTrue();
		assertThat(SecretValue.of(" x ").isBlank()).isFalse();
		assertThat(SecretValue.of("same").matches(SecretValue.of("same"))).isTrue();
		assertThat(SecretValue.of("same").matches(SecretValue.of("other"))).isFalse();
	}
}
