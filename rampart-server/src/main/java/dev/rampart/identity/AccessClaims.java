package dev.rampart.identity;

import java.time.Instant;

import dev.rampart.shared.TenantId;

/**
 * What a verified access token says: who ({@code subject}, a user or API key id), in which tenant,
 * and for how long. {@code tokenId} is the {@code jti}.
 */
public record AccessClaims(String subject, TenantId tenant, String tokenId, Instant issuedAt, Instant expiresAt) {
}
