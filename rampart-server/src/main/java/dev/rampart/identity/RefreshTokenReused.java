package dev.rampart.identity;

import java.util.UUID;

import dev.rampart.shared.TenantId;

/** A used refresh token was presented again; its family has been revoked. A security event for the audit log. */
public record RefreshTokenReused(TenantId tenant, UUID user, UUID family) {
}
