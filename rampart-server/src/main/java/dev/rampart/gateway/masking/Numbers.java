package dev.rampart.gateway.masking;

import static dev.rampart.gateway.masking.MaskScanner.MORE;
import static dev.rampart.gateway.masking.MaskScanner.NO;

import dev.rampart.gateway.MaskingCategory;

/**
 * The matchers for numbers: cards, phones, social security numbers and IBANs. They are conservative on
 * purpose: a run of digits is judged as a whole (never a slice of a longer number, a UUID or a date), and
 * only a few shapes count as a phone number.
 */
final class Numbers {

	private static final int MAX_DIGITS = 24;
	private static final int MAX_GROUPS = 8;

	private Numbers() {
	}

	/** A run of digit groups separated by single spaces, dashes or dots, starting at {@code i}. */
	static int digits(MaskScanner m, int i) {
		String s = m.text();
		int end = m.end();
		int[] groupStart = new int[MAX_GROUPS];
		int[] groupLength = new int[MAX_GROUPS];
		char[] separator = new char[MAX_GROUPS];
		int groups = 0;
		int total = 0;
		int k = i;
		while (true) {
			if (groups == MAX_GROUPS) {
				return NO;
			}
			groupStart[groups] = k;
			while (k < end && isDigit(s.charAt(k))) {
				k++;
			}
			groupLength[groups] = k - groupStart[groups];
			total += groupLength[groups];
			groups++;
			if (total > MAX_DIGITS) {
				return NO;
			}
			if (k == end) {
				return m.undecided() == MORE ? MORE : classify(m, groupStart, groupLength, separator, groups, k);
			}
			char c = s.charAt(k);
			if (c == ' ' || c == '-' || c == '.') {
				if (k + 1 == end) {
					return m.undecided() == MORE ? MORE : classify(m, groupStart, groupLength, separator, groups, k);
				}
				if (isDigit(s.charAt(k + 1))) {
					separator[groups - 1] = c;
					k++;
					continue;
				}
			}
			if (MaskScanner.isWord(c)) {
				return NO;
			}
			return classify(m, groupStart, groupLength, separator, groups, k);
		}
	}

	private static int classify(MaskScanner m, int[] start, int[] length, char[] sep, int groups, int end) {
		String s = m.text();
		if (groups == 3 && length[0] == 3 && length[1] == 2 && length[2] == 4 && sep[0] == '-' && sep[1] == '-') {
			return validSsn(s, start[0]) ? m.match(start[0], end, MaskingCategory.NATIONAL_ID) : NO;
		}
		if (nanp(s, start, length, sep, groups) || trunkPrefixed(s, start, length, sep, groups)) {
			return m.match(start[0], end, MaskingCategory.PHONE);
		}
		for (int g = 0; g < groups; g++) { // a card may follow another number on the same line: "item 3 4111 1111 …"
			if (g > 0 && sep[g - 1] != ' ') {
				continue;
			}
			if (card(s, start, length, sep, g, groups, end)) {
				return m.match(start[g], end, MaskingCategory.CARD);
			}
		}
		return NO;
	}

	private static boolean validSsn(String s, int i) {
		int area = Integer.parseInt(s, i, i + 3, 10);
		int group = Integer.parseInt(s, i + 4, i + 6, 10);
		int serial = Integer.parseInt(s, i + 7, i + 11, 10);
		return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
	}

	/** North American numbers: {@code 415-555-2671}, {@code 415.555.2671}, {@code 1 415 555 2671}. */
	private static boolean nanp(String s, int[] start, int[] length, char[] sep, int groups) {
		int first = 0;
		if (groups == 4 && length[0] == 1 && s.charAt(start[0]) == '1') {
			first = 1;
		}
		if (groups - first != 3 || length[first] != 3 || length[first + 1] != 3 || length[first + 2] != 4) {
			return false;
		}
		return sep[first] == sep[first + 1] && s.charAt(start[first]) >= '2' && s.charAt(start[first + 1]) >= '2';
	}

	/** National numbers with a trunk prefix, grouped: {@code 020 7946 0958}, {@code 01 23 45 67 89}. */
	private static boolean trunkPrefixed(String s, int[] start, int[] length, char[] sep, int groups) {
		if (groups < 2 || s.charAt(start[0]) != '0' || length[0] > 5 || s.charAt(start[0] + 1) == '0') {
			return false;
		}
		int total = 0;
		for (int g = 0; g < groups; g++) {
			if (length[g] < 2 || (g > 0 && sep[g - 1] != sep[0]) || sep[0] == '.') {
				return false;
			}
			total += length[g];
		}
		return total >= 10 && total <= 11;
	}

	/** 13 to 19 digits from group {@code from}, one kind of separator (space or dash), Luhn-valid. */
	private static boolean card(String s, int[] start, int[] length, char[] sep, int from, int groups, int end) {
		int total = 0;
		for (int g = from; g < groups; g++) {
			if (groups - from > 1 && length[g] < 3) {
				return false;
			}
			if (g > from && (sep[g - 1] != sep[from] || sep[g - 1] == '.')) {
				return false;
			}
			total += length[g];
		}
		return total >= 13 && total <= 19 && issued(s, start[from], total) && Checksums.luhn(s, start[from], end);
	}

	/**
	 * Whether a number of {@code digits} digits starting at {@code i} has the prefix and length of a card
	 * network's numbers (Visa, Mastercard, American Express, Discover, Diners, JCB, UnionPay). Without it
	 * one in ten long numbers (an order number, a name like {@code shop-20727284430513}) would pass Luhn
	 * alone and be masked as a card.
	 */
	private static boolean issued(String s, int i, int digits) {
		int two = prefix(s, i, 2);
		int four = prefix(s, i, 4);
		if (s.charAt(i) == '4') {
			return digits == 13 || digits == 16 || digits == 19;
		}
		if (two >= 51 && two <= 55 || four >= 2221 && four <= 2720) {
			return digits == 16;
		}
		if (two == 34 || two == 37) {
			return digits == 15;
		}
		if (four == 6011 || two == 65 || four >= 6440 && four <= 6499 || two == 62 || four >= 3528 && four <= 3589) {
			return digits >= 16;
		}
		return (four >= 3000 && four <= 3059 || two == 36 || two == 38 || two == 39) && digits >= 14;
	}

	/** The first {@code n} digits of a number as an int; groups' separators are skipped. */
	private static int prefix(String s, int i, int n) {
		int value = 0;
		for (int k = i, seen = 0; seen < n && k < s.length(); k++) {
			char c = s.charAt(k);
			if (isDigit(c)) {
				value = value * 10 + (c - '0');
				seen++;
			}
		}
		return value;
	}

	/** {@code +} and 8 to 15 digits, single separators (spaces, dashes, dots, parentheses) allowed. */
	static int plusPhone(MaskScanner m, int i) {
		String s = m.text();
		int end = m.end();
		int k = i + 1;
		if (k >= end) {
			return m.undecided();
		}
		if (s.charAt(k) < '1' || s.charAt(k) > '9') {
			return NO;
		}
		int digits = 0;
		int lastDigitEnd = k;
		int separators = 0;
		while (true) {
			if (k >= end) {
				if (m.undecided() == MORE) {
					return MORE;
				}
				break;
			}
			char c = s.charAt(k);
			if (isDigit(c)) {
				digits++;
				separators = 0;
				lastDigitEnd = k + 1;
			}
			else if ((c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') && ++separators <= 2) {
				// separator
			}
			else {
				break;
			}
			if (digits > 15) {
				return NO;
			}
			k++;
		}
		if (lastDigitEnd < end && MaskScanner.isWord(s.charAt(lastDigitEnd))) {
			return NO;
		}
		return digits >= 8 ? m.match(i, lastDigitEnd, MaskingCategory.PHONE) : NO;
	}

	/** {@code (415) 555-2671}, {@code (415)555-2671}, {@code (415) 555 2671}. */
	static int parenPhone(MaskScanner m, int i) {
		String s = m.text();
		int end = m.end();
		String shape = "(ddd)_ddd-dddd";
		int k = i;
		for (int p = 0; p < shape.length(); p++) {
			if (k >= end) {
				return m.undecided();
			}
			char c = s.charAt(k);
			char want = shape.charAt(p);
			if (want == 'd') {
				if (!isDigit(c) || ((p == 1 || p == 6) && c < '2')) {
					return NO;
				}
			}
			else if (want == '_') {
				if (c != ' ') {
					continue; // the space after the area code is optional: match this character against the next
				}
			}
			else if (want == '-') {
				if (c != '-' && c != ' ' && c != '.') {
					return NO;
				}
			}
			else if (c != want) {
				return NO;
			}
			k++;
		}
		if (k == end) {
			return m.undecided() == MORE ? MORE : m.match(i, k, MaskingCategory.PHONE);
		}
		return MaskScanner.isWord(s.charAt(k)) ? NO : m.match(i, k, MaskingCategory.PHONE);
	}

	/** Country code, check digits, then the country's length of letters and digits, grouped by 4 or not. */
	static int iban(MaskScanner m, int i) {
		String s = m.text();
		int end = m.end();
		for (int k = i + 1; k < i + 4; k++) {
			if (k >= end) {
				return m.undecided();
			}
			char c = s.charAt(k);
			if (k == i + 1 ? c < 'A' || c > 'Z' : !isDigit(c)) {
				return NO;
			}
		}
		int length = Checksums.ibanLength(s.charAt(i), s.charAt(i + 1));
		if (length == 0) {
			return NO;
		}
		int count = 0;
		int k = i;
		while (count < length) {
			if (k >= end) {
				return m.undecided();
			}
			char c = s.charAt(k);
			if (isDigit(c) || (c >= 'A' && c <= 'Z')) {
				count++;
			}
			else if (!(c == ' ' && count % 4 == 0 && k + 1 < end && s.charAt(k + 1) != ' ')) {
				if (c == ' ' && count % 4 == 0 && k + 1 == end) {
					return m.undecided();
				}
				return NO;
			}
			k++;
		}
		if (k == end && m.undecided() == MORE) {
			return MORE;
		}
		if (k < end && MaskScanner.isWord(s.charAt(k))) {
			return NO;
		}
		return Checksums.ibanMod97(s, i, k) ? m.match(i, k, MaskingCategory.IBAN) : NO;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}
}
