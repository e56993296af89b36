package dev.rampart.tools.internal;

import java.time.Instant;
import java.util.Set;

import dev.rampart.secrets.CredentialCheck;
import dev.rampart.secrets.CredentialVerifier;
import dev.rampart.secrets.SecretValue;
import org.springframework.stereotype.Component;

/**
 * Lets tenants store credentials for MCP servers ({@code "provider": "mcp"}): the secrets module accepts credentials
 * only for providers a verifier knows. An MCP credential is checked by using it (a refresh of the server shows whether
 * the server accepted it), not here.
 */
@Component
class McpCredentialKind implements CredentialVerifier {

	static final String PROVIDER = "mcp";

	@Override
	public Set<String> providers() {
		return Set.of(PROVIDER);
	}

	@Override
	public CredentialCheck verify(String provider, SecretValue secret) {
		return new CredentialCheck(CredentialCheck.Status.UNSUPPORTED,
				"MCP credentials are checked by refreshing the server that uses them (POST /api/v1/mcp-servers/{id}/refresh).",
				Instant.now());
	}
}
