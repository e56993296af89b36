package dev.rampart.providers.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rampart.providers.ProviderConfigurations.Settings;
import dev.rampart.providers.ProvidersProperties.Resilience;
import dev.rampart.shared.Problems.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * Checks a provider's resilience overrides with {@link Resilience}'s own rules (the node's settings and a tenant's
 * provider obey the same ranges) and reports what it refuses under the API's field names, in milliseconds: each
 * field's range on its own, then the rules between fields (backoff bounds, first token within total) within each
 * group among the fields in range, so that every problem is reported at once. Fields left out are the node's
 * defaults, and a message that involves one says so.
 */
final class ResilienceFields {

	/** {@code rampart.providers.resilience} setting → request field. */
	static final Map<String, String> FIELDS = fields();

	/** The rules between settings hold within these groups. */
	private static final List<List<String>> GROUPS = List.of(
			List.of("max-attempts", "backoff-base", "backoff-max", "max-retry-after"),
			List.of("connect-timeout", "first-token-timeout", "total-timeout"),
			List.of("breaker-failures", "breaker-wait", "max-concurrent-calls"));

	private static final Pattern DURATION = Pattern.compile("-?PT[-0-9.HMS]+");

	private ResilienceFields() {
	}

	/**
	 * @param given setting name ({@code max-attempts} ...) → the tenant's value: an {@link Integer} for counts, a
	 *     {@link Duration} for times
	 * @return the overrides, whether or not valid (errors say which are not)
	 */
	static Settings check(Map<String, Object> given, Resilience defaults, List<FieldProblem> errors) {
		Set<String> refused = new HashSet<>();
		given.forEach((name, value) -> {
			String problem = problem(Map.of(name, value), defaults);
			if (problem != null && named(problem).equals(List.of(name))) {
				refused.add(name);
				errors.add(new FieldProblem(FIELDS.get(name), message(problem, FIELDS.get(name), given)));
			}
		});
		for (List<String> group : GROUPS) {
			Map<String, Object> part = new LinkedHashMap<>(given);
			part.keySet().retainAll(group);
			part.keySet().removeAll(refused);
			String problem = part.isEmpty() ? null : problem(part, defaults);
			if (problem != null) {
				List<String> named = named(problem);
				String field = FIELDS.get(named.stream().filter(given::containsKey).findFirst().orElse(named.getFirst()));
				errors.add(new FieldProblem(field, message(problem, field, given)));
			}
		}
		return settings(given);
	}

	static Settings settings(Map<String, Object> given) {
		return new Settings((Duration) given.get("connect-timeout"), (Duration) given.get("first-token-timeout"),
				(Duration) given.get("total-timeout"), (Integer) given.get("max-attempts"), (Duration) given.get("backoff-base"),
				(Duration) given.get("backoff-max"), (Duration) given.get("max-retry-after"),
				(Integer) given.get("breaker-failures"), (Duration) given.get("breaker-wait"),
				(Integer) given.get("max-concurrent-calls"));
	}

	private static @Nullable String problem(Map<String, Object> given, Resilience defaults) {
		try {
			settings(given).resolve(defaults);
			return null;
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	/** The settings a message of {@link Resilience} names, in the order it names them. */
	private static List<String> named(String problem) {
		String text = problem.replace("rampart.providers.resilience.", "");
		List<String> named = new ArrayList<>();
		FIELDS.keySet().stream()
			.sorted(Comparator.comparingInt(name -> position(text, name)))
			.filter(name -> position(text, name) < Integer.MAX_VALUE)
			.forEach(named::add);
		return named;
	}

	/** Resilience's message in the API's words: field names for settings, milliseconds for durations. */
	private static String message(String problem, String field, Map<String, Object> given) {
		String text = problem.replace("rampart.providers.resilience.", "");
		boolean defaultsInvolved = named(problem).stream().anyMatch(name -> !given.containsKey(name));
		for (Map.Entry<String, String> entry : FIELDS.entrySet()) {
			text = text.replaceAll("(?<![a-z-])" + Pattern.quote(entry.getKey()) + "(?![a-z-])", entry.getValue());
		}
		Matcher durations = DURATION.matcher(text);
		text = durations.replaceAll(match -> Duration.parse(match.group()).toMillis() + " ms");
		if (text.startsWith(field + " must")) {
			text = text.substring(field.length() + 1);
		}
		return defaultsInvolved ? text + " (fields left out take the node's defaults)" : text;
	}

	private static int position(String text, String name) {
		Matcher matcher = Pattern.compile("(?<![a-z-])" + Pattern.quote(name) + "(?![a-z-])").matcher(text);
		return matcher.find() ? matcher.start() : Integer.MAX_VALUE;
	}

	private static Map<String, String> fields() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("connect-timeout", "timeouts.connectMs");
		fields.put("first-token-timeout", "timeouts.firstTokenMs");
		fields.put("total-timeout", "timeouts.totalMs");
		fields.put("max-attempts", "retry.maxAttempts");
		fields.put("backoff-base", "retry.backoffBaseMs");
		fields.put("backoff-max", "retry.backoffMaxMs");
		fields.put("max-retry-after", "retry.maxRetryAfterMs");
		fields.put("breaker-failures", "breaker.failures");
		fields.put("breaker-wait", "breaker.waitMs");
		fields.put("max-concurrent-calls", "maxConcurrentCalls");
		return Collections.unmodifiableMap(fields);
	}
}
