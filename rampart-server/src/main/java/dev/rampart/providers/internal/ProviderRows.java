package dev.rampart.providers.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.rampart.providers.ModelSpec;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderConfigurations.Configured;
import dev.rampart.providers.ProviderConfigurations.Settings;
import dev.rampart.providers.ProviderKey;
import dev.rampart.providers.ProviderType;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON columns of {@code llm_providers} (keys, models, settings) both ways, a row resolved into a
 * {@link Configured} provider, and the audit log's view of one. Prices are written as decimal strings so they stay
 * exact; settings hold only the tenant's overrides, so a change of the node's defaults reaches every provider that
 * did not override them. A row that no longer resolves (a type this version does not know, overrides that the
 * node's changed defaults make inconsistent) is logged, not fatal.
 */
final class ProviderRows {

	private static final Logger log = LoggerFactory.getLogger(ProviderRows.class);

	static final String COLUMNS = """
			name, type, base_url, keys::text as keys, models::text as models, settings::text as settings, api_version,
			version, created_at, created_by, updated_at, updated_by""";

	private final JsonMapper json;
	private final ProvidersProperties.Resilience defaults;

	ProviderRows(JsonMapper json, ProvidersProperties.Resilience defaults) {
		this.json = json;
		this.defaults = defaults;
	}

	/** The row at {@code rs}, or empty when it cannot be used any more (logged). */
	Optional<Configured> read(TenantId tenant, ResultSet rs) throws SQLException {
		String name = rs.getString("name");
		Optional<ProviderType> type = ProviderType.fromWireName(rs.getString("type"));
		String baseUrl = rs.getString("base_url");
		URI base = baseUrl != null ? URI.create(baseUrl) : type.map(ProviderType::defaultBaseUrl).orElse(null);
		if (type.isEmpty() || base == null) {
			log.warn("Provider '{}' of tenant {} has type '{}', which this version cannot call; it is left out", name,
					tenant, rs.getString("type"));
			return Optional.empty();
		}
		Settings settings = settings(json.readTree(rs.getString("settings")));
		ProvidersProperties.Resilience resilience;
		try {
			resilience = settings.resolve(defaults);
		}
		catch (IllegalArgumentException ex) {
			log.warn("Provider '{}' of tenant {}: its settings no longer fit the node's defaults ({}); it runs on the "
					+ "defaults until it is saved again", name, tenant, ex.getMessage());
			resilience = defaults;
		}
		Provider provider = new Provider(name, type.get(), base, models(json.readTree(rs.getString("models"))),
				keys(json.readTree(rs.getString("keys"))), resilience, rs.getString("api_version"), tenant,
				rs.getLong("version"));
		return Optional.of(new Configured(provider, settings, rs.getTimestamp("created_at").toInstant(),
				rs.getString("created_by"), rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by")));
	}

	String keys(List<ProviderKey> keys) {
		return json.writeValueAsString(keys.stream().map(ProviderRows::key).toList());
	}

	String models(List<ModelSpec> models) {
		return json.writeValueAsString(models.stream().map(ProviderRows::model).toList());
	}

	String settings(Settings settings) {
		return json.writeValueAsString(settingsMap(settings));
	}

	List<ProviderKey> keys(JsonNode keys) {
		List<ProviderKey> parsed = new ArrayList<>();
		for (JsonNode key : keys) {
			String at = text(key, "disabledAt");
			parsed.add(new ProviderKey(UUID.fromString(key.get("credentialId").asString()),
					at == null ? null : Instant.parse(at), text(key, "disabledReason")));
		}
		return parsed;
	}

	/**
	 * What the audit log keeps of a provider: its configuration and overrides, credential ids (never a secret) with
	 * their state, and the version.
	 */
	static Map<String, @Nullable Object> view(Configured configured) {
		Provider provider = configured.provider();
		Map<String, @Nullable Object> view = new LinkedHashMap<>();
		view.put("id", provider.id());
		view.put("type", provider.type().wireName());
		view.put("baseUrl", provider.baseUrl().toString());
		view.put("credentials", provider.keys().stream().map(ProviderRows::key).toList());
		view.put("models", provider.models().stream().map(ProviderRows::model).toList());
		view.put("apiVersion", provider.apiVersion());
		view.put("settings", settingsMap(configured.settings()));
		view.put("version", provider.version());
		return view;
	}

	private static Map<String, @Nullable Object> key(ProviderKey key) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("credentialId", key.credentialId().toString());
		fields.put("disabledAt", key.disabledAt() == null ? null : key.disabledAt().toString());
		fields.put("disabledReason", key.disabledReason());
		return fields;
	}

	private static Map<String, @Nullable Object> model(ModelSpec model) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("name", model.name());
		fields.put("contextWindow", model.contextWindow());
		fields.put("inputPrice", price(model.inputPrice()));
		fields.put("outputPrice", price(model.outputPrice()));
		return fields;
	}

	/** A price as the exact decimal text it is stored and shown as: {@code 2.5}, {@code 0.15}, {@code 10}. */
	static @Nullable String price(@Nullable BigDecimal price) {
		return price == null ? null : price.stripTrailingZeros().toPlainString();
	}

	private static List<ModelSpec> models(JsonNode models) {
		List<ModelSpec> parsed = new ArrayList<>();
		for (JsonNode model : models) {
			JsonNode window = model.get("contextWindow");
			String input = text(model, "inputPrice");
			String output = text(model, "outputPrice");
			parsed.add(new ModelSpec(model.get("name").asString(), window == null || window.isNull() ? null : window.asInt(),
					input == null ? null : new BigDecimal(input), output == null ? null : new BigDecimal(output)));
		}
		return parsed;
	}

	private static Map<String, @Nullable Object> settingsMap(Settings settings) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		putMillis(fields, "connectMs", settings.connectTimeout());
		putMillis(fields, "firstTokenMs", settings.firstTokenTimeout());
		putMillis(fields, "totalMs", settings.totalTimeout());
		putIfSet(fields, "maxAttempts", settings.maxAttempts());
		putMillis(fields, "backoffBaseMs", settings.backoffBase());
		putMillis(fields, "backoffMaxMs", settings.backoffMax());
		putMillis(fields, "maxRetryAfterMs", settings.maxRetryAfter());
		putIfSet(fields, "breakerFailures", settings.breakerFailures());
		putMillis(fields, "breakerWaitMs", settings.breakerWait());
		putIfSet(fields, "maxConcurrentCalls", settings.maxConcurrentCalls());
		return fields;
	}

	private static Settings settings(JsonNode settings) {
		Function<String, @Nullable Duration> millis = name -> {
			JsonNode value = settings.get(name);
			return value == null || value.isNull() ? null : Duration.ofMillis(value.asLong());
		};
		Function<String, @Nullable Integer> count = name -> {
			JsonNode value = settings.get(name);
			return value == null || value.isNull() ? null : value.asInt();
		};
		return new Settings(millis.apply("connectMs"), millis.apply("firstTokenMs"), millis.apply("totalMs"),
				count.apply("maxAttempts"), millis.apply("backoffBaseMs"), millis.apply("backoffMaxMs"),
				millis.apply("maxRetryAfterMs"), count.apply("breakerFailures"), millis.apply("breakerWaitMs"),
				count.apply("maxConcurrentCalls"));
	}

	private static void putMillis(Map<String, @Nullable Object> fields, String name, @Nullable Duration value) {
		putIfSet(fields, name, value == null ? null : value.toMillis());
	}

	private static void putIfSet(Map<String, @Nullable Object> fields, String name, @Nullable Object value) {
		if (value != null) {
			fields.put(name, value);
		}
	}

	private static @Nullable String text(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return value == null || value.isNull() ? null : value.asString();
	}
}
