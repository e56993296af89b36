package dev.rampart.secrets;

import java.util.Set;

import dev.rampart.shared.TenantId;

/**
 * A credential was changed; {@code changedFields} names what the request set ({@code secret} when the
 * secret was replaced, whose value is never carried). Published inside the updating transaction.
 */
public record CredentialUpdated(TenantId tenant, Credential before, Credential after, Set<String> changedFields) {

	public CredentialUpdated {
		changedFields = Set.copyOf(changedFields);
	}
}
