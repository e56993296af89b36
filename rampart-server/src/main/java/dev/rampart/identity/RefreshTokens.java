package dev.rampart.identity;

import java.time.Instant;
import java.util.UUID;

import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.TenantId;

/**
 * Opaque refresh tokens with rotation and reuse detection. A sign-in starts a family; each refresh
 * uses up the presented token and returns its child, in one conditional update, so concurrent
 * refreshes of one token have exactly one winner. Presenting a used token revokes the whole family,
 * newer tokens included, and publishes {@link RefreshTokenReused}. Tokens are stored only as hashes.
 */
public interface RefreshTokens {

	/** A new family for a sign-in of {@code user} in {@code tenant}. */
	Issued start(UUID user, TenantId tenant);

	/**
	 * @throws dev.rampart.shared.RampartException {@code REFRESH_TOKEN_REUSED} for a token already used
	 * (its family is now revoked), {@code TOKEN_INVALID} for an unknown, expired or revoked one
	 */
	Rotated rotate(SecretValue presented);

	/** Logout: revokes the family of {@code presented}; false when the token is unknown. */
	boolean revokeFamily(SecretValue presented, String reason);

	/** Password change, account disable, logout everywhere: revokes every live family of {@code user}. */
	int revokeAll(UUID user, String reason);

	record Issued(SecretValue token, UUID family, Instant idleExpiresAt, Instant absoluteExpiresAt) {
	}

	record Rotated(Issued next, UUID user, TenantId tenant) {
	}
}
