package dev.rampart.secrets;

/**
 * The permissions that guard credentials. Reading metadata and using the secret are separate on
 * purpose: an agent run may use a credential its author cannot read back. Enforced once RBAC (#4)
 * lands; until then the API acts in the default tenant for every caller.
 */
public final class CredentialPermissions {

	/** List and read metadata (name, provider, hint). */
	public static final String READ = "credential:read";

	/** Create, update, delete and test. */
	public static final String WRITE = "credential:write";

	/** Decrypt the secret to call the provider with it. */
	public static final String USE = "credential:use";

	private CredentialPermissions() {
	}
}
