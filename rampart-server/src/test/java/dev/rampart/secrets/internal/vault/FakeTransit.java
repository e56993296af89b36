package dev.rampart.secrets.internal.vault;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import dev.rampart.secrets.internal.vault.FakeVault.Reply;
import dev.rampart.secrets.internal.vault.FakeVault.Reply.Failure;

/** The transit engine of {@link FakeVault}: named AES-256-GCM keys with versions, as Vault's transit API documents them. */
final class FakeTransit {

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final int NONCE_BYTES = 12;

	private final Clock clock;
	private final Map<String, Key> keys = new HashMap<>();

	FakeTransit(Clock clock) {
		this.clock = clock;
	}

	synchronized Reply handle(String method, String mount, String operation, String rest, Map<String, Object> body) {
		boolean write = method.equals("POST") || method.equals("PUT");
		if (operation.equals("keys")) {
			String[] parts = rest.split("/", 2);
			String name = mount + "/" + parts[0];
			if (parts.length == 1 && method.equals("GET")) {
				Key key = keys.get(name);
				return key == null ? Reply.error(404, null) : Reply.data(key.describe(parts[0]));
			}
			if (parts.length == 1 && write) {
				return create(name, parts[0], body);
			}
			if (parts.length == 2 && parts[1].equals("rotate") && write) {
				Key key = existing(name, "key not found");
				key.addVersion();
				return Reply.data(key.describe(parts[0]));
			}
			if (parts.length == 2 && parts[1].equals("config") && write) {
				return configure(existing(name, "key not found"), parts[0], body);
			}
			throw new Failure(405, "unsupported operation");
		}
		if (!write) {
			throw new Failure(405, "unsupported operation");
		}
		return switch (operation) {
			case "encrypt" -> encrypt(mount + "/" + rest, body);
			case "decrypt" -> Reply.data(Map.of("plaintext", encode(decrypt(existing(mount + "/" + rest, "encryption key not found"), body))));
			case "rewrap" -> rewrap(existing(mount + "/" + rest, "encryption key not found"), body);
			default -> datakey(mount, rest, body);
		};
	}

	synchronized int latestVersion(String name) {
		Key key = keys.get(name);
		return key == null ? 0 : key.versions.size();
	}

	synchronized int minDecryptionVersion(String name) {
		Key key = keys.get(name);
		return key == null ? 0 : key.minDecryptionVersion;
	}

	synchronized Optional<String> type(String name) {
		return Optional.ofNullable(keys.get(name)).map(key -> key.type);
	}

	private Reply create(String name, String shortName, Map<String, Object> body) {
		Object type = body.getOrDefault("type", "aes256-gcm96");
		if (!"aes256-gcm96".equals(type)) {
			throw new Failure(400, "FakeVault implements only keys of type aes256-gcm96, not " + type);
		}
		Key key = keys.computeIfAbsent(name, ignored -> new Key("aes256-gcm96"));
		return Reply.data(key.describe(shortName));
	}

	private Reply configure(Key key, String shortName, Map<String, Object> body) {
		for (String field : body.keySet()) {
			if (!field.equals("min_decryption_version")) {
				throw new Failure(400, "FakeVault does not implement the key setting " + field);
			}
		}
		if (body.containsKey("min_decryption_version")) {
			int min = integer(body.get("min_decryption_version"), "min_decryption_version");
			if (min < 0) {
				throw new Failure(400, "min decryption version cannot be negative");
			}
			min = Math.max(1, min);
			if (min > key.versions.size()) {
				throw new Failure(400, "cannot set min decryption version of " + min + ", latest key version is "
						+ key.versions.size());
			}
			key.minDecryptionVersion = min;
		}
		return Reply.data(key.describe(shortName));
	}

	private Reply encrypt(String name, Map<String, Object> body) {
		if (!(body.get("plaintext") instanceof String plaintext)) {
			throw new Failure(400, "missing plaintext to encrypt");
		}
		byte[] bytes = decode(plaintext, "failed to base64-decode plaintext");
		// Vault creates the key on encrypt when the policy allows it ("upsert").
		Key key = keys.computeIfAbsent(name, ignored -> new Key("aes256-gcm96"));
		return Reply.data(Map.of("ciphertext", key.encrypt(bytes), "key_version", key.versions.size()));
	}

	private Reply rewrap(Key key, Map<String, Object> body) {
		byte[] plaintext = decrypt(key, body);
		return Reply.data(Map.of("ciphertext", key.encrypt(plaintext), "key_version", key.versions.size()));
	}

	private Reply datakey(String mount, String rest, Map<String, Object> body) {
		String[] parts = rest.split("/", 2);
		if (parts.length != 2 || !(parts[0].equals("plaintext") || parts[0].equals("wrapped"))) {
			throw new Failure(400, "invalid type " + parts[0]);
		}
		Key key = existing(mount + "/" + parts[1], "encryption key not found");
		int bits = body.containsKey("bits") ? integer(body.get("bits"), "bits") : 256;
		if (bits != 128 && bits != 256 && bits != 512) {
			throw new Failure(400, "invalid bits length");
		}
		byte[] dataKey = new byte[bits / 8];
		RANDOM.nextBytes(dataKey);
		Map<String, Object> data = new LinkedHashMap<>();
		if (parts[0].equals("plaintext")) {
			data.put("plaintext", encode(dataKey));
		}
		// Vault seals the raw key bytes, so decrypt returns base64 of exactly what "plaintext" held.
		data.put("ciphertext", key.encrypt(dataKey));
		data.put("key_version", key.versions.size());
		return Reply.data(data);
	}

	private byte[] decrypt(Key key, Map<String, Object> body) {
		if (!(body.get("ciphertext") instanceof String ciphertext)) {
			throw new Failure(400, "missing ciphertext to decrypt");
		}
		if (!ciphertext.startsWith("vault:v")) {
			throw new Failure(400, "invalid ciphertext: no prefix");
		}
		String[] parts = ciphertext.split(":", 3);
		int version;
		try {
			version = Integer.parseInt(parts[1].substring(1));
		}
		catch (NumberFormatException | ArrayIndexOutOfBoundsException ex) {
			throw new Failure(400, "invalid ciphertext: version number could not be decoded");
		}
		if (parts.length < 3) {
			throw new Failure(400, "invalid ciphertext: wrong number of fields");
		}
		if (version < key.minDecryptionVersion) {
			throw new Failure(400, "ciphertext or signature version is disallowed by policy (too old)");
		}
		if (version < 1 || version > key.versions.size()) {
			throw new Failure(400, "invalid ciphertext: version is too new");
		}
		return key.decrypt(version, decode(parts[2], "invalid ciphertext: could not decode base64"));
	}

	private Key existing(String name, String message) {
		Key key = keys.get(name);
		if (key == null) {
			throw new Failure(400, message);
		}
		return key;
	}

	private static int integer(Object value, String field) {
		if (value instanceof Number number) {
			return number.intValue();
		}
		try {
			return Integer.parseInt(String.valueOf(value));
		}
		catch (NumberFormatException ex) {
			throw new Failure(400, "cannot parse '" + field + "' as int");
		}
	}

	private static String encode(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static byte[] decode(String base64, String message) {
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new Failure(400, message);
		}
	}

	/** One named key: its versions (index = version - 1) and when each was created. */
	private final class Key {

		private final String type;
		private final List<SecretKey> versions = new ArrayList<>();
		private final List<Instant> created = new ArrayList<>();
		private int minDecryptionVersion = 1;

		Key(String type) {
			this.type = type;
			addVersion();
		}

		void addVersion() {
			try {
				KeyGenerator generator = KeyGenerator.getInstance("AES");
				generator.init(256, RANDOM);
				versions.add(generator.generateKey());
				created.add(clock.instant());
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** As {@code GET keys/<name>} answers; {@code keys} lists only the versions not archived. */
		Map<String, Object> describe(String name) {
			Map<String, Object> versionTimes = new LinkedHashMap<>();
			for (int version = minDecryptionVersion; version <= versions.size(); version++) {
				versionTimes.put(Integer.toString(version), created.get(version - 1).getEpochSecond());
			}
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("name", name);
			data.put("type", type);
			data.put("latest_version", versions.size());
			data.put("min_decryption_version", minDecryptionVersion);
			data.put("min_encryption_version", 0);
			data.put("min_available_version", 0);
			data.put("deletion_allowed", false);
			data.put("derived", false);
			data.put("exportable", false);
			data.put("allow_plaintext_backup", false);
			data.put("supports_encryption", true);
			data.put("supports_decryption", true);
			data.put("supports_derivation", true);
			data.put("supports_signing", false);
			data.put("auto_rotate_period", 0);
			data.put("keys", versionTimes);
			return data;
		}

		String encrypt(byte[] plaintext) {
			byte[] nonce = new byte[NONCE_BYTES];
			RANDOM.nextBytes(nonce);
			try {
				Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
				cipher.init(Cipher.ENCRYPT_MODE, versions.getLast(), new GCMParameterSpec(128, nonce));
				byte[] sealed = cipher.doFinal(plaintext);
				byte[] payload = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
				return "vault:v" + versions.size() + ":" + encode(payload);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		byte[] decrypt(int version, byte[] payload) {
			if (payload.length < NONCE_BYTES + 16) {
				throw new Failure(400, "invalid ciphertext: too short");
			}
			try {
				Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
				cipher.init(Cipher.DECRYPT_MODE, versions.get(version - 1),
						new GCMParameterSpec(128, payload, 0, NONCE_BYTES));
				return cipher.doFinal(payload, NONCE_BYTES, payload.length - NONCE_BYTES);
			}
			catch (AEADBadTagException ex) {
				throw new Failure(400, "cipher: message authentication failed");
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}
}
