package dev.rampart.identity;

/**
 * A user's stored password: its {@link Passwords#hash} and whether the user must replace it at their
 * next sign-in, which is the case for every password from {@link Passwords#generate} (an
 * administrator or the installer has seen it). {@code toString()} leaves the hash out.
 */
public record PasswordState(String hash, boolean mustChange) {

	/** A password the user chose and passed the {@link PasswordPolicy} with. */
	public static PasswordState chosen(String hash) {
		return new PasswordState(hash, false);
	}

	/** A password Rampart generated: the user must change it before doing anything else. */
	public static PasswordState generated(String hash) {
		return new PasswordState(hash, true);
	}

	@Override
	public String toString() {
		return "PasswordState[hash=[redacted], mustChange=" + mustChange + "]";
	}
}
