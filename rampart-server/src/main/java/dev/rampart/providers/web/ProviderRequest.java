package dev.rampart.providers.web;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.rampart.providers.ModelSpec;
import dev.rampart.providers.ProviderConfigurations.Configuration;
import dev.rampart.providers.ProviderConfigurations.Settings;
import dev.rampart.providers.ProviderType;
import dev.rampart.providers.ProvidersProperties.Resilience;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST} and {@code PUT /api/v1/providers[/{id}]} (docs/providers.md, "Provider configurations").
 * Every field is checked by hand in {@link #toConfiguration}, so that every invalid one is reported at once.
 */
record ProviderRequest(@Nullable String id, @Nullable String type, @Nullable String baseUrl,
		@Nullable List<@Nullable String> credentials, @Nullable List<@Nullable ModelItem> models, @Nullable String apiVersion,
		@Nullable Timeouts timeouts, @Nullable Retry retry, @Nullable Breaker breaker, @Nullable Long maxConcurrentCalls) {

	static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
	/** Ids that are paths of their own under {@code /api/v1/providers/}, so a provider of that id could not be read. */
	static final Set<String> RESERVED = Set.of("cache");
	static final int MAX_CREDENTIALS = 20;
	static final int MAX_MODELS = 200;
	static final int MAX_MODEL_NAME = 200;
	static final int MAX_CONTEXT_WINDOW = 10_000_000;
	static final int MAX_URL = 2000;
	static final long MAX_MILLIS = Duration.ofDays(1).toMillis();
	static final BigDecimal MAX_PRICE = new BigDecimal("999999999.999999");
	private static final Pattern API_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,49}");
	private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]");

	/** @param inputPrice USD per million input tokens, at most six decimals (a JSON number or a decimal string) */
	record ModelItem(@Nullable String name, @Nullable Long contextWindow, @Nullable BigDecimal inputPrice,
			@Nullable BigDecimal outputPrice) {
	}

	record Timeouts(@Nullable Long connectMs, @Nullable Long firstTokenMs, @Nullable Long totalMs) {
	}

	record Retry(@Nullable Long maxAttempts, @Nullable Long backoffBaseMs, @Nullable Long backoffMaxMs,
			@Nullable Long maxRetryAfterMs) {
	}

	record Breaker(@Nullable Long failures, @Nullable Long waitMs) {
	}

	/**
	 * The configuration this request asks for.
	 *
	 * @param pathId the id in the path of a {@code PUT}, or null for a {@code POST} (then {@code id} is required)
	 * @param defaults the node's resilience settings, which fill what the request leaves out
	 * @param tenantCredentials ids of the tenant's credentials
	 * @throws InvalidFieldsException listing every invalid field
	 */
	Configuration toConfiguration(@Nullable String pathId, Resilience defaults, Set<UUID> tenantCredentials) {
		List<FieldProblem> errors = new ArrayList<>();
		String providerId = id(pathId, errors);
		ProviderType providerType = type(errors);
		URI url = baseUrl(providerType, errors);
		List<UUID> keys = credentials(providerType, tenantCredentials, errors);
		List<ModelSpec> specs = models(errors);
		String version = apiVersion(providerType, errors);
		Settings settings = settings(defaults, errors);
		if (!errors.isEmpty()) {
			throw new InvalidFieldsException(errors);
		}
		return new Configuration(providerId, providerType, url, keys, specs, version, settings);
	}

	private String id(@Nullable String pathId, List<FieldProblem> errors) {
		if (pathId != null) {
			if (id != null && !id.equals(pathId)) {
				errors.add(new FieldProblem("id", "must be the id in the path, or left out: a provider cannot be renamed"));
			}
			return pathId;
		}
		if (id == null || id.isEmpty()) {
			errors.add(new FieldProblem("id", "is required"));
		}
		else if (!ID.matcher(id).matches()) {
			errors.add(new FieldProblem("id",
					"must be 1 to 63 lowercase letters, digits and hyphens, starting with a letter or digit"));
		}
		else if (RESERVED.contains(id)) {
			errors.add(new FieldProblem("id", "is reserved: /api/v1/providers/" + id + " is another endpoint"));
		}
		return id == null ? "" : id;
	}

	private @Nullable ProviderType type(List<FieldProblem> errors) {
		String known = Arrays.stream(ProviderType.values()).map(ProviderType::wireName).collect(Collectors.joining(", "));
		if (type == null) {
			errors.add(new FieldProblem("type", "is required; one of " + known));
			return null;
		}
		ProviderType parsed = ProviderType.fromWireName(type).orElse(null);
		if (parsed == null) {
			errors.add(new FieldProblem("type", "must be one of " + known));
		}
		return parsed;
	}

	private @Nullable URI baseUrl(@Nullable ProviderType providerType, List<FieldProblem> errors) {
		if (baseUrl == null) {
			if (providerType != null && providerType.defaultBaseUrl() == null) {
				errors.add(new FieldProblem("baseUrl", "is required for type " + providerType.wireName()));
			}
			return null;
		}
		if (baseUrl.length() > MAX_URL) {
			errors.add(new FieldProblem("baseUrl", "must be at most " + MAX_URL + " characters"));
			return null;
		}
		URI url;
		try {
			url = new URI(baseUrl);
		}
		catch (URISyntaxException ex) {
			errors.add(new FieldProblem("baseUrl", "must be an absolute http or https URL"));
			return null;
		}
		String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
		if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
			errors.add(new FieldProblem("baseUrl", "must be an absolute http or https URL with a host"));
		}
		else if (url.getRawUserInfo() != null) {
			errors.add(new FieldProblem("baseUrl", "must not contain a user name or password; keys go in credentials"));
		}
		else if (url.getRawQuery() != null || url.getRawFragment() != null) {
			errors.add(new FieldProblem("baseUrl", "must not have a query (?...) or a fragment (#...)"));
		}
		else {
			String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
			return URI.create(scheme + "://" + url.getRawAuthority() + path);
		}
		return null;
	}

	private List<UUID> credentials(@Nullable ProviderType providerType, Set<UUID> tenantCredentials,
			List<FieldProblem> errors) {
		List<@Nullable String> given = credentials == null ? List.of() : credentials;
		if (given.size() > MAX_CREDENTIALS) {
			errors.add(new FieldProblem("credentials", "must be at most " + MAX_CREDENTIALS + " credentials"));
			return List.of();
		}
		if (given.isEmpty() && providerType != null && providerType.keyRequired()) {
			errors.add(new FieldProblem("credentials", "needs at least one credential for type " + providerType.wireName()
					+ " (create one with POST /api/v1/credentials)"));
		}
		List<UUID> keys = new ArrayList<>();
		Map<UUID, Integer> seen = new HashMap<>();
		for (int i = 0; i < given.size(); i++) {
			String field = "credentials[" + i + "]";
			UUID key = uuid(given.get(i));
			if (key == null) {
				errors.add(new FieldProblem(field, "must be a credential id (a UUID)"));
			}
			else if (seen.containsKey(key)) {
				errors.add(new FieldProblem(field, "repeats credentials[" + seen.get(key) + "]"));
			}
			else if (!tenantCredentials.contains(key)) {
				seen.put(key, i);
				errors.add(new FieldProblem(field, "names no credential of this tenant"));
			}
			else {
				seen.put(key, i);
				keys.add(key);
			}
		}
		return keys;
	}

	private List<ModelSpec> models(List<FieldProblem> errors) {
		if (models == null || models.isEmpty()) {
			errors.add(new FieldProblem("models", "needs at least one model"));
			return List.of();
		}
		if (models.size() > MAX_MODELS) {
			errors.add(new FieldProblem("models", "must be at most " + MAX_MODELS + " models"));
			return List.of();
		}
		List<ModelSpec> specs = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < models.size(); i++) {
			String at = "models[" + i + "].";
			ModelItem item = models.get(i);
			if (item == null) {
				errors.add(new FieldProblem("models[" + i + "]", "must be an object with a name"));
				continue;
			}
			String name = item.name();
			if (name == null || name.isBlank()) {
				errors.add(new FieldProblem(at + "name", "is required"));
			}
			else if (name.length() > MAX_MODEL_NAME) {
				errors.add(new FieldProblem(at + "name", "must be at most " + MAX_MODEL_NAME + " characters"));
			}
			else if (CONTROL.matcher(name).find() || !name.equals(name.strip())) {
				errors.add(new FieldProblem(at + "name", "must not contain control characters or surrounding spaces"));
			}
			else if (seen.putIfAbsent(name, i) != null) {
				errors.add(new FieldProblem(at + "name", "repeats models[" + seen.get(name) + "].name"));
			}
			Long window = item.contextWindow();
			if (window != null && (window < 1 || window > MAX_CONTEXT_WINDOW)) {
				errors.add(new FieldProblem(at + "contextWindow", "must be between 1 and " + MAX_CONTEXT_WINDOW));
			}
			price(item.inputPrice(), at + "inputPrice", errors);
			price(item.outputPrice(), at + "outputPrice", errors);
			if (name != null) {
				specs.add(new ModelSpec(name, window == null ? null : window.intValue(), item.inputPrice(), item.outputPrice()));
			}
		}
		return specs;
	}

	private static void price(@Nullable BigDecimal price, String field, List<FieldProblem> errors) {
		if (price == null) {
			return;
		}
		if (price.signum() < 0) {
			errors.add(new FieldProblem(field, "must be 0 or more (USD per million tokens)"));
		}
		else if (price.stripTrailingZeros().scale() > 6) {
			errors.add(new FieldProblem(field, "must have at most 6 decimals"));
		}
		else if (price.compareTo(MAX_PRICE) > 0) {
			errors.add(new FieldProblem(field, "must be at most " + MAX_PRICE.toPlainString()));
		}
	}

	private @Nullable String apiVersion(@Nullable ProviderType providerType, List<FieldProblem> errors) {
		if (apiVersion == null) {
			if (providerType == ProviderType.AZURE_OPENAI) {
				errors.add(new FieldProblem("apiVersion", "is required for type azure-openai (e.g. 2024-10-21)"));
			}
			return null;
		}
		if (!API_VERSION.matcher(apiVersion).matches()) {
			errors.add(new FieldProblem("apiVersion",
					"must be 1 to 50 letters, digits, dots, hyphens or underscores (e.g. 2024-10-21)"));
		}
		return apiVersion;
	}

	private Settings settings(Resilience defaults, List<FieldProblem> errors) {
		Map<String, Object> given = new LinkedHashMap<>();
		if (timeouts != null) {
			millis(given, "connect-timeout", timeouts.connectMs(), errors);
			millis(given, "first-token-timeout", timeouts.firstTokenMs(), errors);
			millis(given, "total-timeout", timeouts.totalMs(), errors);
		}
		if (retry != null) {
			count(given, "max-attempts", retry.maxAttempts());
			millis(given, "backoff-base", retry.backoffBaseMs(), errors);
			millis(given, "backoff-max", retry.backoffMaxMs(), errors);
			millis(given, "max-retry-after", retry.maxRetryAfterMs(), errors);
		}
		if (breaker != null) {
			count(given, "breaker-failures", breaker.failures());
			millis(given, "breaker-wait", breaker.waitMs(), errors);
		}
		count(given, "max-concurrent-calls", maxConcurrentCalls);
		return ResilienceFields.check(given, defaults, errors);
	}

	/** A time beyond a day is refused here; what {@link Resilience} refuses is reported by {@link ResilienceFields}. */
	private static void millis(Map<String, Object> given, String name, @Nullable Long value, List<FieldProblem> errors) {
		if (value == null) {
			return;
		}
		if (value > MAX_MILLIS) {
			errors.add(new FieldProblem(ResilienceFields.FIELDS.get(name), "must be at most " + MAX_MILLIS + " (one day)"));
			return;
		}
		given.put(name, Duration.ofMillis(value));
	}

	private static void count(Map<String, Object> given, String name, @Nullable Long value) {
		if (value != null) {
			given.put(name, (int) Math.clamp(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
		}
	}

	private static @Nullable UUID uuid(@Nullable String text) {
		if (text == null || text.length() != 36) {
			return null;
		}
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
