package dev.rampart.secrets.internal;

import java.util.HexFormat;

import javax.crypto.AEADBadTagException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Aes256GcmTest {

	private static final HexFormat HEX = HexFormat.of();

	// Test case 16 of McGrew and Viega, "The Galois/Counter Mode of Operation (GCM)": AES-256, 96-bit IV, with AAD.
	private static final byte[] KEY = HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
	private static final byte[] IV = HEX.parseHex("cafebabefacedbaddecaf888");
	private static final byte[] PLAINTEXT = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
			+ "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
	private static final byte[] AAD = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
	private static final byte[] CIPHERTEXT = HEX.parseHex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
			+ "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662");
	private static final byte[] TAG = HEX.parseHex("76fc6ece0f4e1768cddf8853bb2d551b");

	@Test
	void opensThePublishedKnownAnswerVector() throws Exception {
		byte[] sealed = concat(IV, CIPHERTEXT, TAG);

		assertThat(Aes256Gcm.open(Aes256Gcm.key(KEY), sealed, 0, AAD)).isEqualTo(PLAINTEXT);
	}

	@Test
	void refusesTheKnownAnswerVectorWithOtherAssociatedData() {
		byte[] sealed = concat(IV, CIPHERTEXT, TAG);
		byte[] otherAad = AAD.clone();
		otherAad[0] ^= 1;

		assertThatThrownBy(() -> Aes256Gcm.open(Aes256Gcm.key(KEY), sealed, 0, otherAad))
			.isInstanceOf(AEADBadTagException.class);
	}

	@Test
	void sealedValuesRoundTripAndDifferEveryTime() throws Exception {
		byte[] prefix = { 9, 9 };
		byte[] first = Aes256Gcm.seal(Aes256Gcm.key(KEY), prefix, AAD, PLAINTEXT);
		byte[] second = Aes256Gcm.seal(Aes256Gcm.key(KEY), prefix, AAD, PLAINTEXT);

		assertThat(first).startsWith(prefix).hasSize(2 + 12 + PLAINTEXT.length + 16).isNotEqualTo(second);
		assertThat(Aes256Gcm.open(Aes256Gcm.key(KEY), first, 2, AAD)).isEqualTo(PLAINTEXT);
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int offset = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, offset, part.length);
			offset += part.length;
		}
		return all;
	}
}
