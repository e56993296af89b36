package dev.rampart.sim;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Per-request probabilities of each {@link Fault}. At most one fault hits a request, so the rates
 * must add up to at most 1.
 */
public record FaultRates(Map<Fault, Double> rates) {

    /** No injected faults: the default. */
    public static final FaultRates NONE = new FaultRates(Map.of());

    public FaultRates {
        EnumMap<Fault, Double> copy = new EnumMap<>(Fault.class);
        double total = 0;
        for (Map.Entry<Fault, Double> entry : rates.entrySet()) {
            double rate = entry.getValue();
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException(
                        "fault rate for " + entry.getKey().wireName() + " must be within 0..1, got " + rate);
            }
            if (rate > 0) {
                copy.put(entry.getKey(), rate);
                total += rate;
            }
        }
        if (total > 1.000_000_1) {
            throw new IllegalArgumentException("fault rates add up to " + total + "; at most 1 is possible");
        }
        rates = Collections.unmodifiableMap(copy);
    }

    public static FaultRates of(Fault fault, double rate) {
        return NONE.with(fault, rate);
    }

    public FaultRates with(Fault fault, double rate) {
        EnumMap<Fault, Double> copy = new EnumMap<>(Fault.class);
        copy.putAll(rates);
        copy.put(fault, rate);
        return new FaultRates(copy);
    }

    public double rate(Fault fault) {
        return rates.getOrDefault(fault, 0.0);
    }
}
