package dev.rampart.sim.internal;

import dev.rampart.sim.Fault;
import dev.rampart.sim.FaultRates;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Decides which fault, if any, hits a request: the {@code X-Sim-Fault} header wins, then the matching rule's
 * fault, then the global rates. Both random draws are always made so one request's choice does not shift the
 * random sequence of the next.
 */
final class FaultPicker {

    static final String FAULT_HEADER = "X-Sim-Fault";

    private FaultPicker() {
    }

    static @Nullable Fault pick(@Nullable String header, @Nullable CompiledRule rule, FaultRates rates,
                                RandomGenerator random) {
        double ruleDraw = random.nextDouble();
        double rateDraw = random.nextDouble();
        if (header != null && !header.isBlank()) {
            return Fault.fromWireName(header).orElseThrow(() -> ApiError.badRequest(
                    FAULT_HEADER + " must be one of 429, 500, 503, reset, stall, truncate, malformed.").toException());
        }
        if (rule != null && rule.rule().fault() != null && ruleDraw < rule.rule().faultRate()) {
            return rule.rule().fault();
        }
        double cumulative = 0;
        for (Map.Entry<Fault, Double> entry : rates.rates().entrySet()) {
            cumulative += entry.getValue();
            if (rateDraw < cumulative) {
                return entry.getKey();
            }
        }
        return null;
    }
}
