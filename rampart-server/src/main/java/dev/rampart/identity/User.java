package dev.rampart.identity;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A person who can sign in, decrypted for use inside Rampart. {@code tokensValidAfter} invalidates
 * every access token issued before it (logout everywhere, password change, disable).
 */
public record User(UUID id, String email, @Nullable String name, boolean mustChangePassword, boolean platformAdmin,
		@Nullable Instant disabledAt, Instant tokensValidAfter, Instant createdAt) {

	public boolean disabled() {
		return disabledAt != null;
	}

	@Override
	public String toString() {
		return "User[id=" + id + ", platformAdmin=" + platformAdmin + ", disabled=" + disabled() + "]";
	}
}
