package dev.rampart.secrets.internal.vault;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rampart.secrets.KeyStatus;
import org.jspecify.annotations.Nullable;

/**
 * A transit key as {@code GET <mount>/keys/<name>} describes it. Vault lists in {@code keys} only the
 * versions it keeps loaded (from {@code min_decryption_version} up); older ones are archived, not gone,
 * so {@link #versions()} reports every version from {@code min_available_version} up, with a creation
 * time where Vault gives one.
 */
record TransitKey(String type, boolean derived, int latestVersion, int minDecryptionVersion, int minAvailableVersion,
		Map<String, Object> keys) {

	/** Key types whose datakey, encrypt, decrypt and rewrap endpoints Rampart can use. */
	static final Set<String> WRAPPING_TYPES = Set.of("aes256-gcm96", "aes128-gcm96", "chacha20-poly1305");

	static TransitKey from(Map<String, Object> data) {
		Object keys = data.get("keys");
		@SuppressWarnings("unchecked")
		Map<String, Object> versions = keys instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
		return new TransitKey(String.valueOf(data.get("type")), Boolean.TRUE.equals(data.get("derived")),
				number(data, "latest_version"), number(data, "min_decryption_version"),
				number(data, "min_available_version"), versions);
	}

	boolean canWrapDataKeys() {
		return WRAPPING_TYPES.contains(type) && !derived;
	}

	List<KeyStatus.Version> versions() {
		List<KeyStatus.Version> versions = new ArrayList<>();
		for (int version = Math.max(1, minAvailableVersion); version <= latestVersion; version++) {
			versions.add(new KeyStatus.Version(version, createdAt(keys.get(Integer.toString(version)))));
		}
		return versions;
	}

	static int number(Map<String, Object> data, String field) {
		return data.get(field) instanceof Number n ? n.intValue() : 0;
	}

	/** Symmetric keys report Unix seconds; asymmetric ones an object with an RFC 3339 {@code creation_time}. */
	private static @Nullable Instant createdAt(@Nullable Object reported) {
		if (reported instanceof Number seconds) {
			return Instant.ofEpochSecond(seconds.longValue());
		}
		Object time = reported instanceof Map<?, ?> map ? map.get("creation_time") : reported;
		if (time instanceof String text) {
			try {
				return Instant.parse(text);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}
}
