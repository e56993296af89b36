package dev.rampart.secrets;

import java.time.Instant;

/** The outcome of checking a credential against its provider. {@code message} is safe to show to the user. */
public record CredentialCheck(Status status, String message, Instant checkedAt) {

	public enum Status {
		/** The provider accepted the credential. */
		VALID,
		/** The provider rejected it (wrong, revoked or expired key). */
		INVALID,
		/** The provider could not be reached or answered with an error that says nothing about the key. */
		UNREACHABLE,
		/** Rampart has no way to check credentials of this provider. */
		UNSUPPORTED
	}
}
