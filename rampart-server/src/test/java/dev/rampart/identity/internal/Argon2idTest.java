package dev.rampart.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class Argon2idTest {

	@Test
	void givenTheRfc9106Argon2idInputsThenTheTagIsTheOneInSection5_3() {
		// given RFC 9106 §5.3: password 32 × 0x01, salt 16 × 0x02, secret 8 × 0x03, associated data 12 × 0x04
		byte[] password = filled(32, 0x01);
		byte[] salt = filled(16, 0x02);
		byte[] secret = filled(8, 0x03);
		byte[] associatedData = filled(12, 0x04);

		// when t = 3, m = 32 KiB, p = 4, 32-byte tag, through the same call the password hashing makes
		byte[] tag = Argon2id.derive(password, salt, 32, 3, 4, 32, secret, associatedData);

		// then
		assertThat(HexFormat.ofDelimiter(" ").formatHex(tag)).isEqualTo(
				"0d 64 0d f5 8d 78 76 6c 08 c0 37 a3 4a 8b 53 c9 d0 1e f0 45 2d 75 b6 5e b5 25 20 e9 6b 01 e6 59");
	}

	@Test
	void givenAnEncodedHashThenParsingGivesBackEveryField() {
		Argon2idHash hash = new Argon2idHash(19456, 2, 1, filled(16, 0x02), filled(32, 0x07));

		String encoded = hash.encode();
		Argon2idHash parsed = Argon2idHash.parse(encoded);

		assertThat(encoded).startsWith("$argon2id$v=19$m=19456,t=2,p=1$AgICAgICAgICAgICAgICAg$").doesNotContain("=$").doesNotEndWith("=");
		assertThat(parsed).isNotNull();
		assertThat(parsed.memoryKib()).isEqualTo(19456);
		assertThat(parsed.iterations()).isEqualTo(2);
		assertThat(parsed.parallelism()).isEqualTo(1);
		assertThat(parsed.salt()).isEqualTo(hash.salt());
		assertThat(parsed.hash()).isEqualTo(hash.hash());
		assertThat(parsed.encode()).isEqualTo(encoded);
	}

	@Test
	void givenCostsAboveTheConfigurableMaximaThenTheHashIsNotParsedSoNothingHugeIsAllocated() {
		String salt = "AgICAgICAgICAgICAgICAg";
		String tag = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc";

		assertThat(Argon2idHash.parse("$argon2id$v=19$m=1048576,t=10,p=16$" + salt + "$" + tag)).isNotNull();
		assertThat(Argon2idHash.parse("$argon2id$v=19$m=4194304,t=2,p=1$" + salt + "$" + tag)).isNull();
		assertThat(Argon2idHash.parse("$argon2id$v=19$m=19456,t=11,p=1$" + salt + "$" + tag)).isNull();
		assertThat(Argon2idHash.parse("$argon2id$v=19$m=19456,t=2,p=17$" + salt + "$" + tag)).isNull();
		assertThat(Argon2idHash.parse("$argon2id$v=19$m=31,t=2,p=4$" + salt + "$" + tag)).isNull();
	}

	@Test
	void givenAHashThenToStringShowsTheCostButNeitherSaltNorTag() {
		Argon2idHash hash = new Argon2idHash(19456, 2, 1, filled(16, 0x02), filled(32, 0x07));

		assertThat(hash.toString()).isEqualTo("Argon2idHash[m=19456, t=2, p=1]");
	}

	private static byte[] filled(int length, int value) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, (byte) value);
		return bytes;
	}
}
