package dev.rampart.sim.internal;

import dev.rampart.sim.FaultRates;
import dev.rampart.sim.LatencyModel;
import dev.rampart.sim.ScriptRule;
import dev.rampart.sim.SimulatorControl;
import dev.rampart.sim.SimulatorOptions;
import dev.rampart.sim.SimulatorStats;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The mutable behaviour of a running simulator. Each setting is an immutable value swapped atomically, so a
 * request reads a consistent setting without locks and changes apply to the requests that arrive next.
 */
final class SimState implements SimulatorControl {

    private final SimulatorOptions options;
    private final AtomicReference<ApiKeys> apiKeys;
    private final AtomicReference<FaultRates> faultRates;
    private final AtomicReference<LatencyModel> latency;
    private final AtomicReference<RuleBook> rules;
    private final AtomicLong sequence = new AtomicLong();
    private final RequestCounters counters = new RequestCounters();

    SimState(SimulatorOptions options) {
        this.options = options;
        this.apiKeys = new AtomicReference<>(ApiKeys.of(options.requireApiKey(), options.acceptedApiKeys()));
        this.faultRates = new AtomicReference<>(options.faultRates());
        this.latency = new AtomicReference<>(options.latency());
        this.rules = new AtomicReference<>(RuleBook.of(options.rules()));
    }

    SimulatorOptions options() {
        return options;
    }

    ApiKeys apiKeys() {
        return apiKeys.get();
    }

    RuleBook ruleBook() {
        return rules.get();
    }

    RequestCounters counters() {
        return counters;
    }

    /**
     * Numbers requests and gives each its own random source derived from the seed and that number, so a
     * replay with the same seed and request order makes the same choices.
     */
    RequestScope nextRequest() {
        long number = sequence.incrementAndGet();
        return new RequestScope(number, new SplittableRandom(options.seed() ^ (number * 0x9E3779B97F4A7C15L)));
    }

    @Override
    public FaultRates faultRates() {
        return faultRates.get();
    }

    @Override
    public void setFaultRates(FaultRates rates) {
        faultRates.set(rates);
    }

    @Override
    public LatencyModel latency() {
        return latency.get();
    }

    @Override
    public void setLatency(LatencyModel value) {
        latency.set(value);
    }

    @Override
    public List<ScriptRule> rules() {
        return rules.get().scriptRules();
    }

    @Override
    public void setRules(List<ScriptRule> value) {
        rules.set(RuleBook.of(value));
    }

    @Override
    public void addRule(ScriptRule rule) {
        CompiledRule.of(rule);
        rules.updateAndGet(book -> book.plus(rule));
    }

    @Override
    public void clearRules() {
        rules.set(RuleBook.EMPTY);
    }

    @Override
    public Set<String> acceptedApiKeys() {
        return apiKeys.get().keys();
    }

    @Override
    public void setAcceptedApiKeys(Collection<String> keys) {
        // The options validate the keys the same way as at start-up.
        Set<String> validated = options.toBuilder().acceptedApiKeys(keys).build().acceptedApiKeys();
        apiKeys.set(ApiKeys.of(options.requireApiKey(), validated));
    }

    @Override
    public SimulatorStats stats() {
        return counters.snapshot();
    }

    @Override
    public void reset() {
        faultRates.set(options.faultRates());
        latency.set(options.latency());
        rules.set(RuleBook.of(options.rules()));
        apiKeys.set(ApiKeys.of(options.requireApiKey(), options.acceptedApiKeys()));
        sequence.set(0);
        counters.clear();
    }
}
