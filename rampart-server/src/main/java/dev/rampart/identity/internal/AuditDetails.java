package dev.rampart.identity.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code details} of an audit entry as stored and hashed: masked, then parsed back from its
 * JSON text so that the tree hashed on record is the tree read back from jsonb. Masking replaces the
 * value of every property whose name, ignoring case and punctuation, contains a secret-like word; it
 * does not catch a secret placed under an innocent name or inside a string.
 */
final class AuditDetails {

	static final String REDACTED = "[redacted]";

	private static final Set<String> SECRET_WORDS = Set.of("secret", "password", "passwd", "passphrase", "token",
			"apikey", "privatekey", "authorization", "cookie");

	/** Floats as BigDecimal, so numbers read back from jsonb keep their value exactly. */
	private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

	private AuditDetails() {
	}

	/** Masks {@code details} and returns the tree to store and hash. */
	static JsonNode of(Map<String, ?> details) {
		JsonNode masked = mask(JSON.valueToTree(details));
		return parse(JSON.writeValueAsString(masked));
	}

	/** Reads details as PostgreSQL returns them ({@code details::text}). */
	static JsonNode parse(String json) {
		return JSON.readTree(json);
	}

	static String text(JsonNode details) {
		return JSON.writeValueAsString(details);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> toMap(JsonNode details) {
		return JSON.convertValue(details, Map.class);
	}

	static boolean isSecretName(String name) {
		String folded = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		return SECRET_WORDS.stream().anyMatch(folded::contains);
	}

	private static JsonNode mask(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (String name : Set.copyOf(object.propertyNames())) {
				if (isSecretName(name)) {
					object.put(name, REDACTED);
				}
				else {
					object.set(name, mask(object.get(name)));
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				array.set(i, mask(array.get(i)));
			}
		}
		return node;
	}
}
