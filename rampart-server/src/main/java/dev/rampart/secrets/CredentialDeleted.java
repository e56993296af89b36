package dev.rampart.secrets;

import dev.rampart.shared.TenantId;

/** A credential was deleted; carries its last readable view. Published inside the deleting transaction. */
public record CredentialDeleted(TenantId tenant, Credential credential) {
}
