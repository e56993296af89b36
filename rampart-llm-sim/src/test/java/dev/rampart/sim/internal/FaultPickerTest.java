package dev.rampart.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.sim.Fault;
import dev.rampart.sim.FaultRates;
import dev.rampart.sim.ScriptRule;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultPickerTest {

    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void theHeaderWinsOverRulesAndRates() {
        CompiledRule rule = CompiledRule.of(ScriptRule.builder("r").fault(Fault.SERVER_ERROR, 1.0).build());

        assertThat(FaultPicker.pick("reset", rule, FaultRates.of(Fault.STALL, 1.0), random)).isEqualTo(Fault.RESET);
    }

    @Test
    void aRuleFaultWinsOverTheGlobalRates() {
        CompiledRule rule = CompiledRule.of(ScriptRule.builder("r").fault(Fault.UNAVAILABLE, 1.0).build());

        assertThat(FaultPicker.pick(null, rule, FaultRates.of(Fault.STALL, 1.0), random)).isEqualTo(Fault.UNAVAILABLE);
    }

    @Test
    void rateOneAlwaysFaultsAndRateZeroNever() {
        assertThat(IntStream.range(0, 200).mapToObj(i -> FaultPicker.pick(null, null, FaultRates.of(Fault.RATE_LIMITED, 1.0), random)))
                .containsOnly(Fault.RATE_LIMITED);
        assertThat(IntStream.range(0, 200).mapToObj(i -> FaultPicker.pick(null, null, FaultRates.NONE, random)))
                .containsOnlyNulls();
    }

    @Test
    void ratesSplitRequestsRoughlyInProportion() {
        FaultRates rates = FaultRates.of(Fault.RATE_LIMITED, 0.5).with(Fault.SERVER_ERROR, 0.5);

        long limited = IntStream.range(0, 1000)
                .filter(i -> FaultPicker.pick(null, null, rates, random) == Fault.RATE_LIMITED).count();

        assertThat(limited).isBetween(350L, 650L);
    }

    @Test
    void anUnknownHeaderValueIsABadRequest() {
        assertThatThrownBy(() -> FaultPicker.pick("teapot", null, FaultRates.NONE, random))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().status()).isEqualTo(400));
    }
}
