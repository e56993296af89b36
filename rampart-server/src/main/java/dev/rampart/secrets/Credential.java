package dev.rampart.secrets;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What anyone with {@code credential:read} may see of a stored provider credential: never the
 * secret, only {@code secretHint} (at most its last four characters).
 */
public record Credential(UUID id, String name, String provider, @Nullable String description, String secretHint,
		Instant createdAt, Instant updatedAt, @Nullable Instant lastTestedAt, CredentialCheck.@Nullable Status lastTestStatus) {
}
