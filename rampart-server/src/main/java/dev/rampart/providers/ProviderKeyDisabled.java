package dev.rampart.providers;

import java.time.Instant;
import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * A provider rejected one of a tenant's keys as unauthorized and Rampart took it out of rotation: published as an
 * application event for notifications (#9), besides the audit event {@code provider.key_disabled}.
 *
 * @param tenant the tenant whose provider it is
 * @param provider the provider's id
 * @param credentialId the credential that was rejected
 * @param reason what the provider answered
 * @param at when
 */
public record ProviderKeyDisabled(TenantId tenant, String provider, UUID credentialId, String reason, Instant at) {
}
