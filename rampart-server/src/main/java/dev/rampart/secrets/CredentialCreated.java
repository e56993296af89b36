package dev.rampart.secrets;

import dev.rampart.shared.TenantId;

/** A credential was stored; carries its readable view only, never the secret. Published inside the creating transaction. */
public record CredentialCreated(TenantId tenant, Credential credential) {
}
