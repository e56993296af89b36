package dev.rampart.gateway.masking;

/** The check digits that tell a card number or an IBAN from an arbitrary string of digits. */
final class Checksums {

	/** IBAN length per country code (ISO 13616 registry, the common countries); 0 means not recognised. */
	private static final int[] IBAN_LENGTHS = new int[26 * 26];

	static {
		String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 "
				+ "ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IS26 IT27 JO30 KW30 KZ20 "
				+ "LB28 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 "
				+ "RO24 RS22 SA24 SE24 SI19 SK24 SM27 TN24 TR26 UA29 VG24 XK20";
		for (String entry : table.split(" ")) {
			IBAN_LENGTHS[index(entry.charAt(0), entry.charAt(1))] = Integer.parseInt(entry.substring(2));
		}
	}

	private Checksums() {
	}

	static int ibanLength(char first, char second) {
		return IBAN_LENGTHS[index(first, second)];
	}

	private static int index(char first, char second) {
		return (first - 'A') * 26 + (second - 'A');
	}

	/** Luhn over the digits of {@code s[from, to)}, skipping any other character. */
	static boolean luhn(CharSequence s, int from, int to) {
		int sum = 0;
		boolean doubled = false;
		boolean nonZero = false;
		for (int i = to - 1; i >= from; i--) {
			char c = s.charAt(i);
			if (c < '0' || c > '9') {
				continue;
			}
			int d = c - '0';
			nonZero |= d != 0;
			if (doubled) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			doubled = !doubled;
		}
		return nonZero && sum % 10 == 0;
	}

	/** ISO 7064 mod 97-10 over the letters and digits of {@code s[from, to)}, the first four moved to the end. */
	static boolean ibanMod97(CharSequence s, int from, int to) {
		int remainder = 0;
		int seen = 0;
		for (int pass = 0; pass < 2; pass++) {
			seen = 0;
			for (int i = from; i < to; i++) {
				char c = s.charAt(i);
				if (c == ' ') {
					continue;
				}
				boolean head = seen++ < 4;
				if (head == (pass == 0)) {
					continue;
				}
				remainder = c <= '9' ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
			}
		}
		return remainder == 1;
	}
}
