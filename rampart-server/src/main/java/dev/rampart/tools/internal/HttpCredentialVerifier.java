package dev.rampart.tools.internal;

import java.time.Instant;
import java.util.Set;

import dev.rampart.secrets.CredentialCheck;
import dev.rampart.secrets.CredentialVerifier;
import dev.rampart.secrets.SecretValue;
import org.springframework.stereotype.Component;

/**
 * Lets tenants store credentials for the APIs their OpenAPI tool sets call (provider {@code http}): credentials may only
 * be created for a provider some verifier knows. Such a secret cannot be checked without calling the API, so the
 * verdict is always "unsupported".
 */
@Component
class HttpCredentialVerifier implements CredentialVerifier {

	static final String PROVIDER = "http";

	@Override
	public Set<String> providers() {
		return Set.of(PROVIDER);
	}

	@Override
	public CredentialCheck verify(String provider, SecretValue secret) {
		return new CredentialCheck(CredentialCheck.Status.UNSUPPORTED,
				"Rampart cannot check an API credential without calling the API; use a tool of the tool set instead.",
				Instant.EPOCH);
	}
}
