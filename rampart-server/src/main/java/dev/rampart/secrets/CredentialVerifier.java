package dev.rampart.secrets;

import java.util.Set;

/**
 * Checks a credential against its provider, implemented by the module that talks to providers. The
 * secrets module owns credentials but cannot call providers; this SPI is how it asks. A verifier
 * must not log or keep the secret and must bound its own time (a few seconds).
 */
public interface CredentialVerifier {

	/** Provider ids this verifier knows; credentials may only be created for known providers. */
	Set<String> providers();

	/** The verdict for {@code secret} at {@code provider}; {@code checkedAt} may be left to the caller's clock. */
	CredentialCheck verify(String provider, SecretValue secret);
}
