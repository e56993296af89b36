package dev.rampart.secrets;

/** What a data key protects. Each tenant gets its own data keys per purpose, so one leaked key exposes one kind of data. */
public enum KeyPurpose {

	/** Provider credentials and other tenant secrets. */
	CREDENTIALS,
	/** Secrets kept by {@link SecretManager} in the database. */
	SECRETS,
	/** Personal data such as user e-mail addresses and names. */
	PERSONAL_DATA,
	/** HMAC keys of blind indexes. */
	BLIND_INDEX,
	/** Token signing keys. */
	SIGNING_KEYS
}
