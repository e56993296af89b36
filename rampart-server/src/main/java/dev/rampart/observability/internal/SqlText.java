package dev.rampart.observability.internal;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a database span may say about a statement: its operation (the first SQL keyword, from a fixed list so the
 * metric's tag stays bounded) and its text, cut to {@link #MAX_LENGTH} characters. The text of a plain statement is
 * sanitized first: it may carry values written into the SQL itself, so string, dollar-quoted and numeric literals become
 * {@code ?}. The text of a prepared statement is kept as written (its values are bind parameters, never read here).
 * The sanitizer is a scanner, not a parser: it does not catch a value spliced into an identifier or a comment.
 */
final class SqlText {

	/** Longest text a span records (OpenTelemetry's {@code db.query.text}); longer text ends in an ellipsis. */
	static final int MAX_LENGTH = 1024;

	static final String OTHER = "OTHER";

	private static final Set<String> OPERATIONS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "WITH", "VALUES",
			"SET", "SHOW", "RESET", "BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "CALL", "DO", "LOCK",
			"TRUNCATE", "COPY", "CREATE", "ALTER", "DROP", "GRANT", "REVOKE", "COMMENT", "LISTEN", "UNLISTEN", "NOTIFY",
			"EXPLAIN", "ANALYZE", "VACUUM", "REFRESH", "PREPARE", "EXECUTE", "DEALLOCATE", "DISCARD");

	private SqlText() {
	}

	/** The first keyword of {@code sql} in upper case, if it is one of the known operations; else {@code OTHER}. */
	static String operation(String sql) {
		int i = skipBlanksAndComments(sql, 0);
		int start = i;
		while (i < sql.length() && i - start < 12 && Character.isLetter(sql.charAt(i))) {
			i++;
		}
		if (i == start) {
			return OTHER;
		}
		String word = sql.substring(start, i).toUpperCase(Locale.ROOT);
		return OPERATIONS.contains(word) ? word : OTHER;
	}

	/** {@code sql} as written, cut to {@link #MAX_LENGTH}. */
	static String prepared(String sql) {
		return cut(sql);
	}

	/** {@code sql} with its literals replaced by {@code ?}, cut to {@link #MAX_LENGTH}. */
	static String sanitized(String sql) {
		StringBuilder out = new StringBuilder(Math.min(sql.length(), MAX_LENGTH + 16));
		int i = 0;
		int n = sql.length();
		while (i < n && out.length() <= MAX_LENGTH) {
			char c = sql.charAt(i);
			if (c == '\'') {
				boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
						&& (i < 2 || !isWordPart(sql.charAt(i - 2)));
				if (escapes) {
					out.setLength(out.length() - 1);
				}
				i = endOfQuoted(sql, i, escapes);
				out.append('?');
			}
			else if (c == '"') {
				int end = endOfIdentifier(sql, i);
				out.append(sql, i, end);
				i = end;
			}
			else if (c == '$' && (i == 0 || !isWordPart(sql.charAt(i - 1))) && dollarTag(sql, i) != null) {
				String tag = String.valueOf(dollarTag(sql, i));
				int close = sql.indexOf(tag, i + tag.length());
				i = close < 0 ? n : close + tag.length();
				out.append('?');
			}
			else if (Character.isDigit(c) && (i == 0 || !isWordPart(sql.charAt(i - 1)))) {
				while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.' || sql.charAt(i) == '_')) {
					i++;
				}
				out.append('?');
			}
			else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
				int end = skipBlanksAndComments(sql, i);
				out.append(sql, i, end);
				i = end;
			}
			else {
				out.append(c);
				i++;
			}
		}
		return cut(out.toString(), i < n);
	}

	private static String cut(String text) {
		return cut(text, false);
	}

	private static String cut(String text, boolean truncated) {
		if (text.length() <= MAX_LENGTH) {
			return truncated ? text + "…" : text;
		}
		int end = MAX_LENGTH;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "…";
	}

	/** Where the quoted literal starting at {@code start} ends ({@code ''} inside it, and with escapes {@code \'}). */
	private static int endOfQuoted(String sql, int start, boolean escapes) {
		int i = start + 1;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (escapes && c == '\\') {
				i += 2;
			}
			else if (c == '\'') {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
					i += 2;
				}
				else {
					return i + 1;
				}
			}
			else {
				i++;
			}
		}
		return sql.length();
	}

	private static int endOfIdentifier(String sql, int start) {
		int close = sql.indexOf('"', start + 1);
		return close < 0 ? sql.length() : close + 1;
	}

	/** The opening {@code $tag$} at {@code start}, or null when it is not one (such as {@code $1}). */
	private static @Nullable String dollarTag(String sql, int start) {
		int i = start + 1;
		if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
			return null;
		}
		while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
			i++;
		}
		return i < sql.length() && sql.charAt(i) == '$' ? sql.substring(start, i + 1) : null;
	}

	private static int skipBlanksAndComments(String sql, int from) {
		int i = from;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (Character.isWhitespace(c) || c == '(') {
				i++;
			}
			else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
				int eol = sql.indexOf('\n', i);
				i = eol < 0 ? sql.length() : eol + 1;
			}
			else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
				int close = sql.indexOf("*/", i + 2);
				i = close < 0 ? sql.length() : close + 2;
			}
			else {
				return i;
			}
		}
		return i;
	}

	private static boolean isWordPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}
}
