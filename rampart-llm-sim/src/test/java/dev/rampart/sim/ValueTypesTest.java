package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void delayRangesParseFixedAndRangedMilliseconds() {
        assertThat(DelayRange.parse("25")).isEqualTo(DelayRange.fixed(25));
        assertThat(DelayRange.parse("10-50")).isEqualTo(DelayRange.between(10, 50));
        assertThatThrownBy(() -> DelayRange.parse("50-10")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DelayRange.parse("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faultRatesMustBeProbabilitiesThatAddUpToAtMostOne() {
        assertThatThrownBy(() -> FaultRates.of(Fault.STALL, 1.5)).hasMessageContaining("within 0..1");
        assertThatThrownBy(() -> FaultRates.of(Fault.STALL, 0.6).with(Fault.RESET, 0.6)).hasMessageContaining("add up");
        assertThat(FaultRates.of(Fault.STALL, 0.5).with(Fault.RESET, 0.5).rate(Fault.RESET)).isEqualTo(0.5);
    }

    @Test
    void aRuleNeedsSomethingToDo() {
        assertThatThrownBy(() -> ScriptRule.builder("idle").lastUserContains("x").build())
                .hasMessageContaining("needs a reply text, tool calls or a fault");
        assertThat(ScriptRule.builder("call").toolCall("f", Map.of("a", 1)).build().reply().toolCalls()).hasSize(1);
    }

    @Test
    void optionsAreValidatedWhenBuilt() {
        assertThatThrownBy(() -> SimulatorOptions.builder().port(70_000).build()).hasMessageContaining("port");
        assertThatThrownBy(() -> SimulatorOptions.builder().embeddingDimensions(0).build())
                .hasMessageContaining("embeddingDimensions");
        assertThat(SimulatorOptions.defaults().port()).isZero();
    }
}
