package dev.rampart.providers.internal;

import java.util.List;
import java.util.UUID;

import dev.rampart.secrets.CredentialReferences;
import dev.rampart.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link CredentialReferences} for provider configurations: a credential listed in a provider's {@code keys} may not be
 * deleted while the provider still uses it. Runs in the deleting transaction, so row-level security has bound it.
 */
@Component
class ProviderCredentialReferences implements CredentialReferences {

	private final JdbcClient jdbc;

	ProviderCredentialReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<String> referencesTo(TenantId tenant, UUID credentialId) {
		return jdbc.sql("""
				select name from llm_providers
				where tenant_id = :tenant and keys @> jsonb_build_array(jsonb_build_object('credentialId', cast(:credential as text)))
				order by name""")
			.param("tenant", tenant.value())
			.param("credential", credentialId.toString())
			.query(String.class)
			.list()
			.stream()
			.map(name -> "provider " + name)
			.toList();
	}
}
