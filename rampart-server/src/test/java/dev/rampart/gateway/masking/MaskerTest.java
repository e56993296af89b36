package dev.rampart.gateway.masking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.gateway.MaskAction;
import dev.rampart.gateway.Masked;
import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.MaskingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaskerTest {

	private final PatternMasker masker = new PatternMasker();
	private final MaskingPolicy maskAll = allMasked();

	static MaskingPolicy allMasked() {
		MaskingPolicy policy = MaskingPolicy.defaults();
		for (MaskingCategory category : MaskingCategory.values()) {
			policy = policy.with(category, MaskAction.MASK);
		}
		return policy;
	}

	private String mask(String text) {
		return masker.mask(text, maskAll);
	}

	@ParameterizedTest
	@ValueSource(strings = { "sk-abcdefghijklmnopqrstuvwx1234", "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXyZ0",
			"sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abc", "AKIAIOSFODNN7EXAMPLE", "ASIAY34FZKBOKMUTVV7A",
			"rpk_1a2b3c4d_q0sKvE8bF4HnR2pT6yU1wX3zC5vB7nM9kL0jH2gF4dS",
			"rt_q0sKvE8bF4HnR2pT6yU1wX3zC5vB7nM9kL0jH2gF4dS" })
	void apiKeysAreMasked(String key) {
		assertThat(mask("key: " + key + ", next")).isEqualTo("key: [redacted:api-key], next");
		assertThat(mask(key)).isEqualTo("[redacted:api-key]");
	}

	@Test
	void awsSecretKeyIsMaskedAfterItsName() {
		assertThat(mask("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"))
				.isEqualTo("aws_secret_access_key = [redacted:api-key]\n");
		assertThat(mask("AWS_SECRET_ACCESS_KEY=\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\""))
				.isEqualTo("AWS_SECRET_ACCESS_KEY=\"[redacted:api-key]\"");
	}

	@Test
	void jwtIsMasked() {
		String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
		assertThat(mask("Authorization: Bearer " + jwt)).isEqualTo("Authorization: Bearer [redacted:jwt]");
	}

	@Test
	void pemPrivateKeyBlockIsMasked() {
		String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\nabcd==\n-----END RSA PRIVATE KEY-----";
		assertThat(mask("key:\n" + pem + "\ndone")).isEqualTo("key:\n[redacted:private-key]\ndone");
		assertThat(mask("-----BEGIN PRIVATE KEY-----\nMIIE")).isEqualTo("[redacted:private-key]");
		assertThat(mask("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----"))
				.isEqualTo("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----");
	}

	@Test
	void emailIsMaskedOrPartiallyMasked() {
		assertThat(mask("write to jane.doe+x@mail.example.com.")).isEqualTo("write to [redacted:email].");
		assertThat(masker.mask("jane.doe@example.com", MaskingPolicy.defaults())).isEqualTo("j***@example.com");
		assertThat(mask("user@localhost or @handle or a@b.c")).isEqualTo("user@localhost or @handle or a@b.c");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+1 415 555 2671", "+14155552671", "+44 20 7946 0958", "+49 (30) 1234567",
			"415-555-2671", "415.555.2671", "(415) 555-2671", "1 415 555 2671", "020 7946 0958", "01 23 45 67 89" })
	void phoneNumbersAreMasked(String phone) {
		assertThat(mask("call " + phone + " now")).isEqualTo("call [redacted:phone] now");
	}

	@Test
	void phonePartialKeepsTheLastTwoDigits() {
		assertThat(masker.mask("call 415-555-2671", MaskingPolicy.defaults())).isEqualTo("call ***-***-**71");
	}

	@ParameterizedTest
	@ValueSource(strings = { "4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "378282246310005",
			"3782 822463 10005", "5555555555554444", "2223003122003222", "6011111111111117", "3530111333300000",
			"30569309025904", "6200000000000005" })
	void cardsAreMasked(String card) {
		assertThat(mask("card " + card + ".")).isEqualTo("card [redacted:card].");
	}

	/** Luhn alone passes one long number in ten: without a card network's prefix and length it is not a card. */
	@ParameterizedTest
	@ValueSource(strings = { "shop-20727284430513", "order 59999999999999990", "ref 3712345678901234", "id 411111111111111118" })
	void longNumbersThatPassLuhnButNoNetworksFormatAreLeftAlone(String text) {
		assertThat(mask(text)).isEqualTo(text);
	}

	@Test
	void cardPartialKeepsTheLastFour() {
		assertThat(masker.mask("4111 1111 1111 1111", MaskingPolicy.defaults())).isEqualTo("**** **** **** 1111");
	}

	@Test
	void aCardAfterAnotherNumberOnTheLineIsStillFound() {
		assertThat(mask("item 3 4111 1111 1111 1111")).isEqualTo("item 3 [redacted:card]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "GB82 WEST 1234 5698 7654 32",
			"FR1420041010050500013M02606", "NL91ABNA0417164300" })
	void ibansAreMasked(String iban) {
		assertThat(mask("pay to " + iban + " today")).isEqualTo("pay to [redacted:iban] today");
	}

	@Test
	void ibanPartialKeepsCountryAndLastFour() {
		assertThat(masker.mask("DE89 3704 0044 0532 0130 00", MaskingPolicy.defaults()))
				.isEqualTo("DE** **** **** **** **30 00");
	}

	@Test
	void ssnIsMaskedOutsideTheNeverIssuedRanges() {
		assertThat(mask("ssn 123-45-6789")).isEqualTo("ssn [redacted:national-id]");
		assertThat(masker.mask("ssn 123-45-6789", MaskingPolicy.defaults())).isEqualTo("ssn ***-**-6789");
	}

	@ParameterizedTest
	@ValueSource(strings = { "4111 1111 1111 1112", "4111111111111112", "DE88 3704 0044 0532 0130 00",
			"XX89370400440532013000", "666-12-3456", "000-12-3456", "900-12-3456", "123-00-4567", "123-45-0000",
			"123e4567-e89b-12d3-a456-426614174000", "12345678-1234-1234-1234-123456789012", "2024-01-15",
			"2024-01-15T10:15:30Z", "3.14159265358979323", "1234567890", "order 12345 shipped", "sk-short",
			"task-abcdefghijklmnopqrstuvwxyz12345", "AKIAIOSFODNN7EXAMPLEX",
			"rt_short_name", "version 1.2.3.4", "0000 0000 0000 0000", "price 1,234,567.89",
			"eyJhbGciOiJIUzI1NiJ9 alone", "192.168.100.200", "ISBN 978-3-16-148410-0" })
	void nearMissesAreLeftAlone(String text) {
		assertThat(mask(text)).isEqualTo(text);
	}

	@Test
	void allowLeavesTheSpanAndReportsNothing() {
		Masked masked = masker.maskWithReport("a jane@example.com", MaskingPolicy.defaults()
				.with(MaskingCategory.EMAIL, MaskAction.ALLOW));
		assertThat(masked.text()).isEqualTo("a jane@example.com");
		assertThat(masked.report().total()).isZero();
	}

	@Test
	void reportCountsPerCategoryWithoutValues() {
		Masked masked = masker.maskWithReport(
				"sk-abcdefghijklmnopqrstuvwx1234 and AKIAIOSFODNN7EXAMPLE, mail a@example.com, card 4111111111111111",
				MaskingPolicy.defaults());
		assertThat(masked.report().count(MaskingCategory.API_KEY)).isEqualTo(2);
		assertThat(masked.report().count(MaskingCategory.EMAIL)).isEqualTo(1);
		assertThat(masked.report().count(MaskingCategory.CARD)).isEqualTo(1);
		assertThat(masked.report().total()).isEqualTo(4);
		assertThat(masked.report().toString()).doesNotContain("4111", "example");
	}

	@Test
	void defaultPolicyMasksSecretsAndPartiallyMasksPersonalData() {
		for (MaskingCategory category : MaskingCategory.values()) {
			assertThat(MaskingPolicy.defaults().actionFor(category))
					.isEqualTo(category.secret() ? MaskAction.MASK : MaskAction.PARTIAL);
		}
	}
}
