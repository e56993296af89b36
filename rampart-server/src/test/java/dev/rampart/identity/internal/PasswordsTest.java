package dev.rampart.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rampart.identity.PasswordProperties;
import dev.rampart.identity.PasswordState;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.InvalidFieldsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordsTest {

	static final PasswordProperties DEFAULTS = new PasswordProperties(19456, 2, 1, 16, 32, 12, 128);

	private static final Pattern PHC = Pattern
		.compile("\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

	private final Argon2idPasswords passwords = new Argon2idPasswords(DEFAULTS, new SecureRandom());

	@Test
	void givenAHashedPasswordThenTheSamePasswordMatches() {
		String hash = passwords.hash(secret("correct horse battery staple"));

		assertThat(passwords.matches(secret("correct horse battery staple"), hash)).isTrue();
	}

	@Test
	void givenAHashedPasswordThenAnotherPasswordOrAnotherCaseDoesNotMatch() {
		String hash = passwords.hash(secret("correct horse battery staple"));

		assertThat(passwords.matches(secret("correct horse battery stapl"), hash)).isFalse();
		assertThat(passwords.matches(secret("Correct horse battery staple"), hash)).isFalse();
		assertThat(passwords.matches(secret(""), hash)).isFalse();
	}

	@Test
	void givenTheSamePasswordHashedTwiceThenTheHashesDifferBecauseOfTheSalt() {
		String first = passwords.hash(secret("correct horse battery staple"));
		String second = passwords.hash(secret("correct horse battery staple"));

		assertThat(first).isNotEqualTo(second);
		assertThat(passwords.matches(secret("correct horse battery staple"), second)).isTrue();
	}

	@Test
	void givenTheDefaultsThenTheHashIsAPhcStringWithThoseParameters() {
		String hash = passwords.hash(secret("correct horse battery staple"));

		Matcher phc = PHC.matcher(hash);
		assertThat(phc.matches()).as(hash).isTrue();
		assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("=$").doesNotEndWith("=");
		assertThat(Base64.getDecoder().decode(phc.group(4))).hasSize(16);
		assertThat(Base64.getDecoder().decode(phc.group(5))).hasSize(32);
	}

	@Test
	void givenOtherParametersThenTheHashStatesThemAndStillVerifiesUnderTheDefaults() {
		Argon2idPasswords stronger = new Argon2idPasswords(new PasswordProperties(12288, 3, 2, 24, 48, 12, 128),
				new SecureRandom());

		String hash = stronger.hash(secret("correct horse battery staple"));

		assertThat(hash).startsWith("$argon2id$v=19$m=12288,t=3,p=2$");
		assertThat(passwords.matches(secret("correct horse battery staple"), hash)).isTrue();
	}

	@Test
	void givenAHashUnderOtherParametersThenItNeedsRehashAndOneUnderTheConfiguredOnesDoesNot() {
		String current = passwords.hash(secret("correct horse battery staple"));

		assertThat(passwords.needsRehash(current)).isFalse();
		assertThat(new Argon2idPasswords(new PasswordProperties(47104, 2, 1, 16, 32, 12, 128), new SecureRandom())
			.needsRehash(current)).isTrue();
		assertThat(new Argon2idPasswords(new PasswordProperties(19456, 3, 1, 16, 32, 12, 128), new SecureRandom())
			.needsRehash(current)).isTrue();
		assertThat(new Argon2idPasswords(new PasswordProperties(19456, 2, 2, 16, 32, 12, 128), new SecureRandom())
			.needsRehash(current)).isTrue();
		assertThat(new Argon2idPasswords(new PasswordProperties(19456, 2, 1, 32, 32, 12, 128), new SecureRandom())
			.needsRehash(current)).isTrue();
		assertThat(new Argon2idPasswords(new PasswordProperties(19456, 2, 1, 16, 64, 12, 128), new SecureRandom())
			.needsRehash(current)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "correct horse battery staple", "$argon2id$",
			"$argon2i$v=19$m=19456,t=2,p=1$AgICAgICAgICAgICAgICAg$BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc",
			"$argon2d$v=19$m=19456,t=2,p=1$AgICAgICAgICAgICAgICAg$BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc",
			"$argon2id$v=16$m=19456,t=2,p=1$AgICAgICAgICAgICAgICAg$BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc",
			"$argon2id$v=19$m=19456,t=2,p=1$AgICAgICAgICAgICAgICAg==$BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=",
			"$argon2id$v=19$m=19456,t=2,p=1$AgICAgICAgICAgICAgICA$BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc",
			"$argon2id$v=19$m=19456,t=2,p=1$AgICAgICAgICAgICAgICAg$BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc$",
			"$argon2id$v=19$t=2,m=19456,p=1$AgICAgICAgICAgICAgICAg$BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc",
			"$argon2id$v=19$m=4194304,t=2,p=1$AgICAgICAgICAgICAgICAg$BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc",
			"$argon2id$v=19$m=19456,t=0,p=1$AgICAgICAgICAgICAgICAg$BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc",
			"$argon2id$v=19$m=19456,t=2,p=0$AgICAgICAgICAgICAgICAg$BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc",
			"$argon2id$v=19$m=-1,t=2,p=1$AgICAgICAgICAgICAgICAg$BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc",
			"$argon2id$v=19$m=19456,t=2,p=1$AgIC$BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc",
			"$argon2id$v=19$m=19456,t=2,p=1$AgICAgICAgICAgICAgICAg$Bw",
			" $argon2id$v=19$m=19456,t=2,p=1$AgICAgICAgICAgICAgICAg$BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc",
			"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy" })
	void givenAMalformedOrForeignEncodingThenNothingMatchesNothingThrowsAndItNeedsRehash(String encoded) {
		assertThat(passwords.matches(secret("correct horse battery staple"), encoded)).isFalse();
		assertThat(passwords.needsRehash(encoded)).isTrue();
	}

	@Test
	void givenAPasswordTypedComposedOrDecomposedThenBothFormsMatchTheSameHash() {
		String hash = passwords.hash(secret("caf\u00e9 au lait, s'il vous pla\u00eet"));

		assertThat(passwords.matches(secret("cafe\u0301 au lait, s'il vous plai\u0302t"), hash)).isTrue();
	}

	@Test
	void givenAPasswordOverTheMaximumLengthThenHashingRefusesItWithoutEchoingItAndItNeverMatches() {
		String tooLong = "correct horse battery staple ".repeat(5);
		String atTheLimit = "\uD83D\uDD12".repeat(128);
		String hash = passwords.hash(secret(atTheLimit));

		assertThatThrownBy(() -> passwords.hash(secret(tooLong))).isInstanceOfSatisfying(InvalidFieldsException.class,
				e -> {
					assertThat(e.errors()).singleElement().satisfies(p -> {
						assertThat(p.field()).isEqualTo("password");
						assertThat(p.message()).isEqualTo("must be at most 128 characters long");
					});
					assertThat(e.getMessage()).doesNotContain("horse");
				});
		assertThatThrownBy(() -> passwords.hash(secret("x".repeat(1_000_000)))).isInstanceOf(InvalidFieldsException.class);
		assertThat(passwords.matches(secret(atTheLimit), hash)).isTrue();
		assertThat(passwords.matches(secret(atTheLimit + "x"), hash)).isFalse();
	}

	@Test
	void givenAnUnknownUserThenTheDummyMatchIsFalseForAnyPassword() {
		assertThat(passwords.dummyMatch(secret("correct horse battery staple"))).isFalse();
		assertThat(passwords.dummyMatch(secret(""))).isFalse();
	}

	@Test
	void givenGeneratedPasswordsThenTheyHave24UnambiguousCharactersAndDifferEachTime() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			try (SecretValue generated = passwords.generate()) {
				assertThat(generated.reveal()).hasSize(24).matches("[A-HJ-NP-Za-km-z2-9]+");
				seen.add(generated.reveal());
			}
		}
		assertThat(seen).hasSize(200);
		assertThat(new Argon2idPasswords(new PasswordProperties(19456, 2, 1, 16, 32, 40, 128), new SecureRandom()).generate()
			.length()).isEqualTo(40);
	}

	@Test
	void givenAGeneratedPasswordThenItHashesAndItsStateMustChangeWithoutShowingTheHash() {
		try (SecretValue generated = passwords.generate()) {
			PasswordState state = PasswordState.generated(passwords.hash(generated));

			assertThat(state.mustChange()).isTrue();
			assertThat(PasswordState.chosen(state.hash()).mustChange()).isFalse();
			assertThat(passwords.matches(generated, state.hash())).isTrue();
			assertThat(state.toString()).doesNotContain(state.hash(), generated.reveal()).contains("mustChange=true");
			assertThat(generated.toString()).isEqualTo(SecretValue.REDACTED);
		}
	}

	private static SecretValue secret(String value) {
		return SecretValue.of(value);
	}
}
