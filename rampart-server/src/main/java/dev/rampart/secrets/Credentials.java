package dev.rampart.secrets;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Provider credentials of a tenant. Every method is scoped to {@code tenant}: another tenant's
 * credential is reported as absent, exactly like one that does not exist. The secret goes in with
 * {@link #create} or {@link #update} and comes out only through {@link #use}.
 */
public interface Credentials {

	/** {@code credential:write}. @throws dev.rampart.shared.RampartException {@code CREDENTIAL_NAME_TAKEN} */
	Credential create(TenantId tenant, NewCredential credential);

	/** {@code credential:read}, ordered by name. */
	List<Credential> list(TenantId tenant);

	/** {@code credential:read}. */
	Optional<Credential> find(TenantId tenant, UUID id);

	/** {@code credential:write}; null fields stay as they are. Replacing the secret clears the last test result. */
	Optional<Credential> update(TenantId tenant, UUID id, CredentialChanges changes);

	/** {@code credential:write}; false when there was no such credential. */
	boolean delete(TenantId tenant, UUID id);

	/** {@code credential:write}: checks the credential against its provider and records the outcome. */
	Optional<CredentialCheck> test(TenantId tenant, UUID id);

	/** {@code credential:use}: the secret, for calling the provider. Close it when done. */
	Optional<SecretValue> use(TenantId tenant, UUID id);

	record NewCredential(String name, String provider, @Nullable String description, SecretValue secret) {
	}

	record CredentialChanges(@Nullable String name, @Nullable String description, @Nullable SecretValue secret) {
	}
}
