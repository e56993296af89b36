package dev.rampart.providers;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One credential (from {@code /api/v1/credentials}) a provider is called with. Several keys are used round robin.
 * A key the provider rejected as unauthorized is disabled until an administrator saves the provider again.
 *
 * @param credentialId the credential's id in the tenant
 * @param disabledAt when the provider rejected it, or null while it is in use
 * @param disabledReason what the provider answered, or null
 */
public record ProviderKey(UUID credentialId, @Nullable Instant disabledAt, @Nullable String disabledReason) {

	public static ProviderKey enabled(UUID credentialId) {
		return new ProviderKey(credentialId, null, null);
	}

	public boolean disabled() {
		return disabledAt != null;
	}
}
