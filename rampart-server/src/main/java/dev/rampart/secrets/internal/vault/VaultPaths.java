package dev.rampart.secrets.internal.vault;

import java.util.regex.Pattern;

/** Checks and joins the paths Rampart sends to Vault, so a secret path can never leave its prefix or change the request. */
final class VaultPaths {

	/** Segments of letters, digits, {@code . _ -}, joined by single slashes; no {@code .} or {@code ..} segment. */
	private static final Pattern SECRET_PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

	private VaultPaths() {
	}

	static String trimSlashes(String path) {
		int start = 0;
		int end = path.length();
		while (start < end && path.charAt(start) == '/') {
			start++;
		}
		while (end > start && path.charAt(end - 1) == '/') {
			end--;
		}
		return path.substring(start, end);
	}

	/** {@code prefix} as a folder: without a leading slash, with a trailing one unless it is empty. */
	static String folder(String prefix) {
		String trimmed = trimSlashes(prefix);
		return trimmed.isEmpty() ? "" : trimmed + "/";
	}

	static String requireSecretPath(String path) {
		if (!SECRET_PATH.matcher(path).matches() || ("/" + path + "/").contains("/./")
				|| ("/" + path + "/").contains("/../")) {
			throw new IllegalArgumentException("a Vault secret path is made of segments of letters, digits, '.', '_' and '-' "
					+ "separated by single slashes, without '.' or '..' segments");
		}
		return path;
	}
}
