package dev.rampart.gateway.screening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weighted patterns of {@link HeuristicRules} (phrases and markers of prompt injection), matched against a
 * {@link Normalized} text (lower case, look-alikes folded). Each rule belongs to a family; a family
 * counts once, with the weight of its strongest rule that matched, and families combine as
 * independent evidence: {@code 1 - Π(1 - weight)}. Patterns use bounded gaps only, so matching is
 * linear in the text.
 */
final class Heuristics {

	private final List<HeuristicRules.Rule> rules = HeuristicRules.ALL;

	/** The families that matched, each with its strongest weight, strongest first. */
	Map<String, Double> match(Normalized normalized) {
		List<Map.Entry<String, Double>> sorted = new ArrayList<>(families(normalized, true).entrySet());
		sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
		Map<String, Double> result = new LinkedHashMap<>();
		sorted.forEach(entry -> result.put(entry.getKey(), entry.getValue()));
		return result;
	}

	/** Independent evidence: 1 - Π(1 - w). */
	static double combine(Iterable<Double> weights) {
		double clean = 1;
		for (double weight : weights) {
			clean *= 1 - weight;
		}
		return 1 - clean;
	}

	/** How many rules have triggers (the others always run): for tests and the benchmark's notes. */
	long rulesWithTriggers() {
		return rules.stream().filter(rule -> !rule.triggers().isEmpty()).count();
	}

	/** The same matching without the triggers: the reference {@code HeuristicsTriggersTest} compares with. */
	Map<String, Double> matchWithoutTriggers(Normalized normalized) {
		return families(normalized, false);
	}

	/** Each family that matched with its strongest weight, in rule order; triggers skip rules that cannot match. */
	private Map<String, Double> families(Normalized normalized, boolean useTriggers) {
		Map<String, Double> families = new LinkedHashMap<>();
		for (HeuristicRules.Rule rule : rules) {
			String target = rule.compact() ? normalized.compact() : normalized.text();
			if (families.getOrDefault(rule.family(), 0.0) < rule.weight() && (!useTriggers || rule.mayMatch(target))
					&& rule.pattern().matcher(target).find()) {
				families.put(rule.family(), rule.weight());
			}
		}
		return families;
	}
}
