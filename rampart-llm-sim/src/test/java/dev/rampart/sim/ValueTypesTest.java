package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
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

    @Test
    void acceptedApiKeysAreKeptAsAnImmutableSetAndNoKeysIsTheDefault() {
        List<String> keys = new ArrayList<>(List.of("k1", "k2", "k1"));
        SimulatorOptions options = SimulatorOptions.builder().acceptedApiKeys(keys).build();
        keys.add("k3");

        assertThat(options.acceptedApiKeys()).containsExactlyInAnyOrder("k1", "k2");
        assertThatThrownBy(() -> options.acceptedApiKeys().add("k4")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(options.toBuilder().build().acceptedApiKeys()).containsExactlyInAnyOrder("k1", "k2");
        assertThat(SimulatorOptions.defaults().acceptedApiKeys()).isEmpty();
    }

    @Test
    void blankAcceptedApiKeysAreRejectedWithoutEchoingAnyKey() {
        assertThatThrownBy(() -> SimulatorOptions.builder().acceptedApiKeys(List.of("sk-secret", " ")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acceptedApiKeys")
                .hasMessageNotContaining("sk-secret");
        assertThatThrownBy(() -> SimulatorOptions.builder().acceptedApiKeys(List.of(" sk-padded")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("sk-padded");
    }

    @Test
    void optionsPrintTheNumberOfAcceptedApiKeysButNeverTheKeys() {
        SimulatorOptions options = SimulatorOptions.builder().acceptedApiKeys(List.of("sk-secret-1", "sk-secret-2")).build();

        assertThat(options.toString()).contains("acceptedApiKeys=2 key(s)").doesNotContain("sk-secret");
    }
}
