package dev.rampart.sim.internal;

import dev.rampart.sim.Fault;
import dev.rampart.sim.SimulatorStats;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Lock-free request counters behind {@code GET /sim/admin/stats}. */
final class RequestCounters {

    private final LongAdder requests = new LongAdder();
    private final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byModel = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byFault = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byRule = new ConcurrentHashMap<>();

    void request(String endpoint) {
        requests.increment();
        increment(byEndpoint, endpoint);
    }

    void model(String model) {
        increment(byModel, model);
    }

    void fault(Fault fault) {
        increment(byFault, fault.wireName());
    }

    void rule(String name) {
        increment(byRule, name);
    }

    SimulatorStats snapshot() {
        return new SimulatorStats(requests.sum(), copy(byEndpoint), copy(byModel), copy(byFault), copy(byRule));
    }

    void clear() {
        requests.reset();
        byEndpoint.clear();
        byModel.clear();
        byFault.clear();
        byRule.clear();
    }

    private static void increment(Map<String, LongAdder> counters, String key) {
        counters.computeIfAbsent(key, ignored -> new LongAdder()).increment();
    }

    private static Map<String, Long> copy(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new HashMap<>();
        counters.forEach((key, value) -> copy.put(key, value.sum()));
        return copy;
    }
}
