package dev.rampart.secrets;

import java.util.List;
import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * Implemented by modules whose resources use a credential (provider configurations, OpenAPI tool sets), so that a
 * credential still in use is not deleted from under them: the delete answers {@code CREDENTIAL_IN_USE} with what every
 * implementation reports. Called inside the deleting transaction, bound to the tenant.
 */
public interface CredentialReferences {

	/** Short, user-readable names of what in the tenant still uses the credential (e.g. {@code provider acme}). */
	List<String> referencesTo(TenantId tenant, UUID credentialId);
}
