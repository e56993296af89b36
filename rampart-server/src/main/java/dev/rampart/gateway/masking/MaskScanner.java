package dev.rampart.gateway.masking;

import dev.rampart.gateway.MaskAction;
import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.MaskingPolicy;

/**
 * One left-to-right pass over a text: a table lookup per character finds the few characters that can start
 * a pattern, and a hand-written matcher per pattern decides there without regular expressions (no
 * backtracking). A matcher looks at most {@link #MAX_PEM} characters ahead. In a stream (not {@code eof}) a
 * matcher that reaches the end of the text before it can decide answers {@link #MORE}; the scan stops there
 * and the caller keeps the rest, so that the decisions, and the output, are those of the whole text.
 */
final class MaskScanner {

	static final int NO = -1;
	static final int MORE = -2;
	/** Longest API key or token after its prefix; longer runs are masked up to this length. */
	static final int MAX_TOKEN = 512;
	static final int MAX_JWT = 8192;
	/** Longest PEM block from its BEGIN line; without an END line within it, this much is masked. */
	static final int MAX_PEM = 16_384;
	static final int MAX_LOCAL_PART = 64;
	static final int MAX_DOMAIN = 253;

	private static final boolean[] TRIGGER = new boolean[128];

	static {
		for (char c : "@-+(srae".toCharArray()) {
			TRIGGER[c] = true;
		}
		for (char c = '0'; c <= '9'; c++) {
			TRIGGER[c] = true;
		}
		for (char c = 'A'; c <= 'Z'; c++) {
			TRIGGER[c] = true;
		}
	}

	private final String s;
	private final int end;
	private final boolean eof;
	private final MaskingPolicy policy;
	private final StringBuilder out;
	private final int[] counts;
	private int matchStart;
	private MaskingCategory category = MaskingCategory.API_KEY;

	private MaskScanner(String s, boolean eof, MaskingPolicy policy, StringBuilder out, int[] counts) {
		this.s = s;
		this.end = s.length();
		this.eof = eof;
		this.policy = policy;
		this.out = out;
		this.counts = counts;
	}

	/**
	 * Masks {@code s[start, …)} into {@code out}; characters before {@code start} are context only. Returns
	 * where the output stops: the end of the text when {@code eof}, else the first position that a later
	 * chunk could still change (a partial pattern, or a run that could be an e-mail's local part).
	 */
	static int scan(String s, int start, boolean eof, MaskingPolicy policy, StringBuilder out, int[] counts) {
		return new MaskScanner(s, eof, policy, out, counts).run(start);
	}

	private int run(int start) {
		int floor = start; // the end of the last match (or the start): no match begins before it
		int i = start;
		while (i < end) {
			char c = s.charAt(i);
			if (c >= 128 || !TRIGGER[c]) {
				i++;
				continue;
			}
			int r = at(i, c, floor);
			if (r == MORE) {
				break;
			}
			if (r >= 0) {
				out.append(s, floor, matchStart);
				replace(matchStart, r);
				floor = r;
				i = r;
			}
			else {
				i++;
			}
		}
		int safe = i;
		if (!eof) { // an '@' still to come could make the run before the stop a local part
			int lower = Math.max(floor, i - MAX_LOCAL_PART);
			while (safe > lower && isLocal(s.charAt(safe - 1))) {
				safe--;
			}
		}
		out.append(s, floor, safe);
		return safe;
	}

	private int at(int i, char c, int floor) {
		boolean boundary = i == 0 || !isWord(s.charAt(i - 1));
		if (c >= '0' && c <= '9') {
			return digitStart(i) ? Numbers.digits(this, i) : NO;
		}
		switch (c) {
			case '@':
				return email(i, floor);
			case '-':
				return pem(i);
			case '+':
				return boundary && (i == 0 || s.charAt(i - 1) != '+') ? Numbers.plusPhone(this, i) : NO;
			case '(':
				return Numbers.parenPhone(this, i);
			default:
		}
		if (!boundary) {
			return NO;
		}
		int r;
		switch (c) {
			case 's':
				return prefixedToken(i, "sk-", 20);
			case 'r':
				r = prefixedToken(i, "rpk_", 40);
				return r != NO ? r : prefixedToken(i, "rt_", 40);
			case 'a':
				return awsSecret(i);
			case 'e':
				return jwt(i);
			case 'A':
				r = awsKeyId(i);
				if (r != NO) {
					return r;
				}
				r = awsSecret(i);
				return r != NO ? r : Numbers.iban(this, i);
			default:
				return Numbers.iban(this, i);
		}
	}

	// ---- shared by the matchers

	String text() {
		return s;
	}

	int end() {
		return end;
	}

	/** NO at the end of the whole text, MORE at the end of a chunk. */
	int undecided() {
		return eof ? NO : MORE;
	}

	int match(int from, int to, MaskingCategory matched) {
		matchStart = from;
		category = matched;
		return to;
	}

	/** 1 when {@code literal} is at {@code i}, NO when it is not, MORE when the chunk ends inside it. */
	int literal(int i, String literal, boolean ignoreCase) {
		for (int k = 0; k < literal.length(); k++) {
			if (i + k >= end) {
				return undecided();
			}
			char c = s.charAt(i + k);
			char l = literal.charAt(k);
			if (c != l && !(ignoreCase && Character.toLowerCase(c) == l)) {
				return NO;
			}
		}
		return 1;
	}

	/** The end of the run of token characters from {@code j}, at most {@code max} long; MORE when undecided. */
	int tokenRun(int j, int max) {
		int limit = j + Math.max(0, max);
		int k = j;
		while (k < end && k < limit && isToken(s.charAt(k))) {
			k++;
		}
		return k == end && k < limit && !eof ? MORE : k;
	}

	static boolean isWord(char c) {
		return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
	}

	static boolean isToken(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
	}

	static boolean isLocal(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
				|| c == '%' || c == '+' || c == '-';
	}

	private boolean digitStart(int i) {
		if (i == 0) {
			return true;
		}
		char prev = s.charAt(i - 1);
		if (isWord(prev) || prev == '+') {
			return false;
		}
		boolean separator = prev == ' ' || prev == '-' || prev == '.';
		return !(separator && i >= 2 && Character.isDigit(s.charAt(i - 2)) && s.charAt(i - 2) < 128);
	}

	// ---- secrets

	private int prefixedToken(int i, String prefix, int minimum) {
		int r = literal(i, prefix, false);
		if (r != 1) {
			return r;
		}
		int from = i + prefix.length();
		int k = tokenRun(from, MAX_TOKEN);
		if (k == MORE) {
			return MORE;
		}
		return k - from >= minimum ? match(i, k, MaskingCategory.API_KEY) : NO;
	}

	private int awsKeyId(int i) {
		int r = literal(i, "AKIA", false);
		if (r == NO) {
			r = literal(i, "ASIA", false);
		}
		if (r != 1) {
			return r;
		}
		int k = i + 4;
		for (; k < i + 20; k++) {
			if (k >= end) {
				return undecided();
			}
			char c = s.charAt(k);
			if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
				return NO;
			}
		}
		if (k == end) {
			return eof ? match(i, k, MaskingCategory.API_KEY) : MORE;
		}
		return isWord(s.charAt(k)) ? NO : match(i, k, MaskingCategory.API_KEY);
	}

	/** {@code aws_secret_access_key = "<40 base64 characters>"}: only the value is masked. */
	private int awsSecret(int i) {
		int r = literal(i, "aws_secret_access_key", true);
		if (r != 1) {
			return r;
		}
		int k = i + 21;
		boolean assigned = false;
		for (int skipped = 0; ; skipped++) {
			if (k >= end) {
				return undecided();
			}
			char c = s.charAt(k);
			if (c == ':' || c == '=') {
				if (assigned) {
					return NO;
				}
				assigned = true;
			}
			else if (!(c == ' ' || c == '\t' || c == '"' || c == '\'')) {
				break;
			}
			if (skipped > 8) {
				return NO;
			}
			k++;
		}
		if (!assigned) {
			return NO;
		}
		int value = k;
		for (; k < value + 40; k++) {
			if (k >= end) {
				return undecided();
			}
			if (!isBase64(s.charAt(k))) {
				return NO;
			}
		}
		if (k == end) {
			return eof ? match(value, k, MaskingCategory.API_KEY) : MORE;
		}
		return isBase64(s.charAt(k)) || s.charAt(k) == '=' ? NO : match(value, k, MaskingCategory.API_KEY);
	}

	private static boolean isBase64(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
	}

	private int jwt(int i) {
		int r = literal(i, "eyJ", false);
		if (r != 1) {
			return r;
		}
		int k = i;
		for (int segment = 0; segment < 3; segment++) {
			if (segment > 0) {
				if (k >= end) {
					return undecided();
				}
				if (s.charAt(k) != '.') {
					return NO;
				}
				k++;
				if (segment == 1) {
					r = literal(k, "eyJ", false);
					if (r != 1) {
						return r;
					}
				}
			}
			int from = k;
			k = tokenRun(k, MAX_JWT - (k - i));
			if (k == MORE) {
				return MORE;
			}
			if (segment < 2 && k - from < 4) {
				return NO;
			}
		}
		return match(i, k, MaskingCategory.JWT);
	}

	private int pem(int i) {
		int r = literal(i, "-----BEGIN ", false);
		if (r != 1) {
			return r;
		}
		int k = i + 11;
		int headerLimit = k + 48;
		while (k < end && k < headerLimit && ((s.charAt(k) >= 'A' && s.charAt(k) <= 'Z') || s.charAt(k) == ' ')) {
			k++;
		}
		if (k == end && !eof) {
			return MORE;
		}
		if (!s.startsWith("PRIVATE KEY", k - 11) || k - 11 < i + 11) {
			return NO;
		}
		r = literal(k, "-----", false);
		if (r != 1) {
			return r;
		}
		int limit = i + MAX_PEM;
		int bound = Math.min(end, limit);
		int footer = s.indexOf("-----END ", k + 5);
		if (footer >= 0 && footer + 9 < bound) {
			int close = s.indexOf("-----", footer + 9);
			if (close >= 0 && close + 5 <= bound) {
				return match(i, close + 5, MaskingCategory.PRIVATE_KEY);
			}
		}
		if (end >= limit || eof) {
			return match(i, bound, MaskingCategory.PRIVATE_KEY);
		}
		return MORE;
	}

	// ---- personal data

	private int email(int at, int floor) {
		int start = at;
		int lower = Math.max(floor, at - MAX_LOCAL_PART);
		while (start > lower && isLocal(s.charAt(start - 1))) {
			start--;
		}
		while (start < at && s.charAt(start) == '.') {
			start++;
		}
		if (start == at) {
			return NO;
		}
		int k = at + 1;
		int limit = k + MAX_DOMAIN;
		while (k < end && k < limit) {
			char c = s.charAt(k);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
				break;
			}
			k++;
		}
		if (k == end && k < limit && !eof) {
			return MORE;
		}
		while (k > at + 1 && (s.charAt(k - 1) == '.' || s.charAt(k - 1) == '-')) {
			k--;
		}
		int lastDot = s.lastIndexOf('.', k - 1);
		if (lastDot <= at + 1 || s.charAt(at + 1) == '-' || s.charAt(at + 1) == '.' || k - lastDot - 1 < 2) {
			return NO;
		}
		for (int j = lastDot + 1; j < k; j++) {
			if (!Character.isLetter(s.charAt(j))) {
				return NO;
			}
		}
		if (s.substring(at + 1, k).contains("..")) {
			return NO;
		}
		return match(start, k, MaskingCategory.EMAIL);
	}

	// ---- output

	private void replace(int from, int to) {
		MaskAction action = policy.actionFor(category);
		if (action == MaskAction.ALLOW) {
			out.append(s, from, to);
			return;
		}
		counts[category.ordinal()]++;
		if (action == MaskAction.MASK) {
			out.append("[redacted:").append(category.label()).append(']');
			return;
		}
		switch (category) {
			case EMAIL -> {
				int at = s.indexOf('@', from);
				out.append(s.charAt(from)).append("***").append(s, at, to);
			}
			case CARD, NATIONAL_ID -> starDigits(from, to, 4, false);
			case PHONE -> starDigits(from, to, 2, false);
			case IBAN -> starDigits(from, to, 4, true);
			default -> out.append(s, from, Math.min(to, from + 4)).append("…[redacted:").append(category.label())
					.append(']');
		}
	}

	/** Stars every digit (and letter, for an IBAN after its country code) except the last {@code keep}. */
	private void starDigits(int from, int to, int keep, boolean iban) {
		int total = 0;
		for (int j = from; j < to; j++) {
			total += Character.isLetterOrDigit(s.charAt(j)) ? 1 : 0;
		}
		int seen = 0;
		for (int j = from; j < to; j++) {
			char c = s.charAt(j);
			if (!Character.isLetterOrDigit(c)) {
				out.append(c);
				continue;
			}
			seen++;
			boolean kept = seen > total - keep || (iban && seen <= 2);
			out.append(kept ? c : '*');
		}
	}
}
