package dev.rampart.gateway.masking;

import java.util.List;
import java.util.Random;

/** Texts for the property tests and the benchmark: prose mixed with every recognised shape and near misses. */
final class MaskSamples {

	/** Secrets whose value must never survive masking under any policy that does not ALLOW them. */
	static final List<String> SECRETS = List.of("sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXyZ0",
			"sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "AKIAIOSFODNN7EXAMPLE",
			"rpk_1a2b3c4d_q0sKvE8bF4HnR2pT6yU1wX3zC5vB7nM9kL0jH2gF4dS", "rt_q0sKvE8bF4HnR2pT6yU1wX3zC5vB7nM9kL0jH2gF4dS",
			"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
			"-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oDx2\n-----END EC PRIVATE KEY-----");

	static final List<String> PERSONAL = List.of("jane.doe@example.com", "+1 415 555 2671", "(415) 555-2671",
			"4111 1111 1111 1111", "5555555555554444", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432",
			"123-45-6789", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

	static final List<String> NEAR_MISSES = List.of("4111 1111 1111 1112", "DE88 3704 0044 0532 0130 00",
			"123e4567-e89b-12d3-a456-426614174000", "2024-01-15", "version 1.2.3", "order 12345", "sk-short",
			"task-list", "AKIA", "eyJ", "-----BEGIN", "a@b", "@@", "+1", "(415)", "666-12-3456", "rt_", "aws_secret");

	private static final String[] WORDS = ("the quick brown fox jumps over lazy dog while Rampart streams tokens to "
			+ "a user who asked about invoices refunds and the weather in Berlin on 2024-06-01 at 10:15 with 3 "
			+ "items costing 19.99 each").split(" ");

	private MaskSamples() {
	}

	/** Mostly prose; every few words a secret, a personal value or a near miss; random separators. */
	static String mixed(Random random, int approximateLength) {
		StringBuilder text = new StringBuilder(approximateLength + 128);
		while (text.length() < approximateLength) {
			int pick = random.nextInt(40);
			if (pick == 0) {
				text.append(SECRETS.get(random.nextInt(SECRETS.size())));
			}
			else if (pick <= 2) {
				text.append(PERSONAL.get(random.nextInt(PERSONAL.size())));
			}
			else if (pick <= 4) {
				text.append(NEAR_MISSES.get(random.nextInt(NEAR_MISSES.size())));
			}
			else {
				text.append(WORDS[random.nextInt(WORDS.length)]);
			}
			text.append(" \n,.:\"'".charAt(random.nextInt(random.nextInt(7) + 1)));
		}
		return text.toString();
	}
}
