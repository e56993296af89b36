package dev.rampart.tools.internal;

import java.time.Instant;
import java.util.Set;

import dev.rampart.secrets.CredentialCheck;
import dev.rampart.secrets.CredentialVerifier;
import dev.rampart.secrets.SecretValue;
import org.springframework.stereotype.Component;

/**
 * Lets tenants store credentials for what their tools call: {@code "provider": "http"} for the APIs of OpenAPI tool
 * sets, {@code "provider": "mcp"} for MCP servers (the secrets module accepts credentials only for providers a verifier
 * knows). Such a secret cannot be checked without calling the service, so the verdict is always "unsupported", with
 * how to check it instead.
 */
@Component
class ToolCredentialKinds implements CredentialVerifier {

	static final String HTTP = "http";
	static final String MCP = "mcp";

	@Override
	public Set<String> providers() {
		return Set.of(HTTP, MCP);
	}

	@Override
	public CredentialCheck verify(String provider, SecretValue secret) {
		return new CredentialCheck(CredentialCheck.Status.UNSUPPORTED, provider.equals(MCP)
				? "MCP credentials are checked by refreshing the server that uses them (POST /api/v1/mcp-servers/{id}/refresh)."
				: "Rampart cannot check an API credential without calling the API; use a tool of the tool set instead.",
				Instant.EPOCH);
	}
}
