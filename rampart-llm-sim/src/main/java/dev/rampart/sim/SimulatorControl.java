package dev.rampart.sim;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Changes a running simulator's behaviour; the admin endpoints under {@code /sim/admin} do the same over HTTP.
 * Changes apply to requests that arrive afterwards. Safe to call from any thread.
 */
public interface SimulatorControl {

    FaultRates faultRates();

    void setFaultRates(FaultRates rates);

    LatencyModel latency();

    void setLatency(LatencyModel latency);

    /** The scripted rules in match order. */
    List<ScriptRule> rules();

    /** Replaces all rules; throws {@link IllegalArgumentException} (and keeps the old rules) if a regex is invalid. */
    void setRules(List<ScriptRule> rules);

    /** Appends a rule after the existing ones. */
    void addRule(ScriptRule rule);

    void clearRules();

    /** The accepted API keys; empty when any key is accepted. */
    Set<String> acceptedApiKeys();

    /**
     * Replaces the accepted API keys (see {@link SimulatorOptions#acceptedApiKeys()}); empty accepts any key again.
     * Throws {@link IllegalArgumentException} (and keeps the old keys) for a blank key. Not offered by the admin
     * endpoints, which are not protected.
     */
    void setAcceptedApiKeys(Collection<String> keys);

    SimulatorStats stats();

    /**
     * Restores the start-up faults, latency, rules and accepted API keys, zeroes the stats and restarts the
     * seeded random sequence.
     */
    void reset();
}
