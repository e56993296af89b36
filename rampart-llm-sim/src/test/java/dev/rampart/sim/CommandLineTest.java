package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void flagsBecomeOptions() {
        SimulatorOptions options = CommandLine.parse(new String[] {
                "--port", "9000", "--ttft-ms", "10-20", "--inter-token-ms=5", "--tokens-per-reply", "50",
                "--fault-rate-429", "0.1", "--fault-rate-reset=0.05", "--seed", "7", "--require-api-key",
                "--stall-cap-ms", "1000", "--embedding-dimensions", "16", "--script", "examples/rules.json"});

        assertThat(options.port()).isEqualTo(9000);
        assertThat(options.latency()).isEqualTo(new LatencyModel(DelayRange.between(10, 20), DelayRange.fixed(5), 50));
        assertThat(options.faultRates().rate(Fault.RATE_LIMITED)).isEqualTo(0.1);
        assertThat(options.faultRates().rate(Fault.RESET)).isEqualTo(0.05);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.requireApiKey()).isTrue();
        assertThat(options.stallCap()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.embeddingDimensions()).isEqualTo(16);
        assertThat(options.rules()).isNotEmpty();
    }

    @Test
    void withoutFlagsTheSimulatorListensOnTheDefaultPortWithoutLatencyOrFaults() {
        SimulatorOptions options = CommandLine.parse(new String[0]);

        assertThat(options.port()).isEqualTo(CommandLine.DEFAULT_PORT);
        assertThat(options.latency()).isEqualTo(LatencyModel.NONE);
        assertThat(options.faultRates()).isEqualTo(FaultRates.NONE);
    }

    @Test
    void unknownFlagsAndBadNumbersAreRejectedWithAMessage() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--colour", "blue"}))
                .hasMessageContaining("unknown option '--colour'");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port", "many"}))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--fault-rate-500", "0.7", "--fault-rate-503", "0.7"}))
                .hasMessageContaining("add up to");
    }

    @Test
    void helpListsEveryFaultKind() {
        String help = CommandLine.help();

        for (Fault fault : Fault.values()) {
            assertThat(help).contains("--fault-rate-" + fault.wireName());
        }
    }
}
