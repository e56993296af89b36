package dev.rampart.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * API keys for machine clients. A key reads {@code rpk_<8 hex>_<43 base64url>}: the first part is
 * a public, identifiable prefix (secret scanners can match {@code rpk_}), the rest 256 random bits.
 * The key is shown once, at creation; Rampart keeps its SHA-256 only. Keys belong to one tenant,
 * carry a subset of their creator's permissions (the subset is enforced once RBAC exists), may
 * expire, record when they were last used, and can be revoked.
 */
public interface ApiKeys {

	/** The new key, with its secret: the only time anyone sees it. */
	Created create(TenantId tenant, String createdBy, String name, Set<String> permissions, @Nullable Instant expiresAt);

	/** The key's identity when {@code presented} is a live key; empty for anything else. */
	Optional<ApiKey> authenticate(SecretValue presented);

	List<ApiKey> list(TenantId tenant);

	/** False when the tenant has no such key. */
	boolean revoke(TenantId tenant, UUID id);

	record ApiKey(UUID id, TenantId tenant, String prefix, String name, String createdBy, Set<String> permissions,
			@Nullable Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt, Instant createdAt) {
	}

	record Created(ApiKey key, SecretValue secret) {
	}
}
