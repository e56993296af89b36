package dev.rampart.identity;

import java.time.Instant;

import dev.rampart.shared.TenantId;

/**
 * Short-lived ES256 access tokens (RFC 9068 {@code at+jwt}) signed by rotating keys published at
 * {@code /.well-known/jwks.json}. Verification checks, in order: the algorithm allowlist (ES256
 * only, so never {@code none} and no HS/RS confusion), the token type, a known {@code kid}, the
 * signature, then issuer, audience, {@code exp} and {@code nbf} with the configured leeway.
 */
public interface AccessTokens {

	Issued issue(String subject, TenantId tenant);

	/** @throws InvalidTokenException for anything but a valid, current token of this issuer */
	AccessClaims verify(String token);

	record Issued(String token, Instant expiresAt) {
	}
}
