package dev.rampart.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.rampart.identity.PasswordPolicy;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

	private static final CommonPasswords COMMON = CommonPasswords.load();

	private final PasswordPolicy policy = new PasswordRules(PasswordsTest.DEFAULTS, COMMON);

	@Test
	void givenALongUncommonImpersonalPasswordThenThereAreNoProblems() {
		SecretValue good = SecretValue.of("Gl4cier-Otter-Violin-Tram");

		assertThat(policy.problems(good, "ada.lovelace@example.com", "Ada Lovelace")).isEmpty();
		assertThatNoException().isThrownBy(() -> policy.check(good, "ada.lovelace@example.com", "Ada Lovelace"));
	}

	@Test
	void givenAPasswordShorterThanTheMinimumThenItIsRefusedNamingTheMinimum() {
		assertThat(policy.problems(SecretValue.of("Gl4cier-Ott"), null, null))
			.containsExactly("must be at least 12 characters long");
	}

	@Test
	void givenAPasswordLongerThanTheMaximumThenItIsRefusedNamingTheMaximum() {
		assertThat(policy.problems(SecretValue.of("Gl4cier-Otter-".repeat(10)), null, null))
			.containsExactly("must be at most 128 characters long");
		assertThat(policy.problems(SecretValue.of("x".repeat(1_000_000)), null, null))
			.containsExactly("must be at most 128 characters long");
	}

	@Test
	void givenLengthsThenTheyCountCodePointsAfterNfcNormalisation() {
		// 12 emoji are 24 UTF-16 chars but 12 code points: long enough
		assertThat(policy.problems(SecretValue.of("\uD83D\uDD12\uD83C\uDF0A".repeat(6)), null, null)).isEmpty();
		// 11 × "é" typed decomposed (e + combining acute, 22 chars) is 11 characters after NFC: too short
		assertThat(policy.problems(SecretValue.of("e\u0301".repeat(11)), null, null))
			.containsExactly("must be at least 12 characters long");
	}

	@ParameterizedTest
	@ValueSource(strings = { "password1234", "Password1234", "QWERTYUIOP12", "123456789012", "iloveyou1234",
			"qwertyuiop123", "1q2w3e4r5t6y", "correcthorsebatterystaple" })
	void givenACommonPasswordThenItIsRefusedIgnoringCase(String common) {
		assertThat(policy.problems(SecretValue.of(common), null, null))
			.containsExactly("is one of the most common passwords; choose one that is harder to guess");
	}

	@Test
	void givenAShortCommonPasswordThenBothProblemsAreListed() {
		assertThat(policy.problems(SecretValue.of("letmein"), null, null)).containsExactly(
				"must be at least 12 characters long",
				"is one of the most common passwords; choose one that is harder to guess");
	}

	@ParameterizedTest
	@ValueSource(strings = { "xxada.lovelace2024", "Lovelace-Otter-Violin", "my-LOVELACE-tram!", "Violin-Ada-Lovelace",
			"grace-HOPPER-violin" })
	void givenAPasswordContainingTheEmailLocalPartOrTheNameThenItIsRefused(String candidate) {
		assertThat(policy.problems(SecretValue.of(candidate), "ada.lovelace@example.com", "Grace Hopper"))
			.containsExactly("must not contain your e-mail address or your name");
	}

	@Test
	void givenNamePartsShorterThanFourCharactersThenTheyAreNotLookedFor() {
		assertThat(policy.problems(SecretValue.of("bo-li-Violin-Tram"), "bo@example.com", "Li Ng")).isEmpty();
	}

	@Test
	void givenABadPasswordThenCheckThrowsOnThePasswordFieldWithoutEchoingIt() {
		String candidate = "ada-lovelace";

		assertThatThrownBy(() -> policy.check(SecretValue.of(candidate), "ada.lovelace@example.com", null))
			.isInstanceOfSatisfying(InvalidFieldsException.class, e -> {
				assertThat(e.errors()).extracting(FieldProblem::field).containsOnly("password");
				assertThat(e.errors()).extracting(FieldProblem::message)
					.containsExactly("must not contain your e-mail address or your name");
				assertThat(e.getMessage()).doesNotContain(candidate);
				assertThat(e.technicalDetails()).doesNotContain(candidate);
				assertThat(e.toString()).doesNotContain(candidate);
			});
	}

	@Test
	void givenGeneratedPasswordsThenEachPassesThePolicyAndNoTwoAreEqual() {
		Argon2idPasswords passwords = new Argon2idPasswords(PasswordsTest.DEFAULTS, new SecureRandom());
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 50; i++) {
			try (SecretValue generated = passwords.generate()) {
				assertThat(policy.problems(generated, "ada.lovelace@example.com", "Ada Lovelace")).isEmpty();
				seen.add(generated.reveal());
			}
		}
		assertThat(seen).hasSize(50);
	}

	@Test
	void givenTheBundledListThenItHasSomeHundredsOfLowerCaseEntriesIncludingLongOnes() throws IOException {
		List<String> lines;
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(CommonPasswords.RESOURCE)) {
			assertThat(in).isNotNull();
			lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter(l -> !l.isBlank() && !l.startsWith("#"))
				.toList();
		}
		assertThat(COMMON.size()).isGreaterThanOrEqualTo(300).isEqualTo(lines.size());
		assertThat(lines).allSatisfy(l -> assertThat(l).isEqualTo(l.strip().toLowerCase(java.util.Locale.ROOT)));
		assertThat(lines).filteredOn(l -> l.length() >= 12).hasSizeGreaterThanOrEqualTo(50);
	}
}
