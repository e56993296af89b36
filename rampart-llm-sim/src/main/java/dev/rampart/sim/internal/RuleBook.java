package dev.rampart.sim.internal;

import dev.rampart.sim.ScriptRule;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** An immutable, ordered set of compiled rules; swapped whole when rules change so readers never lock. */
record RuleBook(List<CompiledRule> rules) {

    static final RuleBook EMPTY = new RuleBook(List.of());

    static RuleBook of(List<ScriptRule> rules) {
        return new RuleBook(rules.stream().map(CompiledRule::of).toList());
    }

    RuleBook plus(ScriptRule rule) {
        List<CompiledRule> copy = new java.util.ArrayList<>(rules);
        copy.add(CompiledRule.of(rule));
        return new RuleBook(List.copyOf(copy));
    }

    List<ScriptRule> scriptRules() {
        return rules.stream().map(CompiledRule::rule).toList();
    }

    Optional<CompiledRule> firstMatch(Conversation conversation, List<String> apiKeys) {
        for (CompiledRule rule : rules) {
            if (rule.matches(conversation, apiKeys)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** Model names that rules answer for explicitly; they are listed by {@code /v1/models}. */
    Set<String> models() {
        Set<String> models = new TreeSet<>();
        rules.stream().map(rule -> rule.rule().match().model()).filter(Objects::nonNull).forEach(models::add);
        return models;
    }
}
