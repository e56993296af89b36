package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void apiKeysComeFromRepeatedFlagsAndAKeysFileWithOneKeyPerLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("keys.txt"), "sk-file-1\r\n\n  sk-file-2  \n", StandardCharsets.UTF_8);

        SimulatorOptions options = CommandLine.parse(new String[] {
                "--api-key", "sk-flag-1", "--api-key=sk-flag-2", "--api-keys-file", file.toString()});

        assertThat(options.acceptedApiKeys()).containsExactlyInAnyOrder("sk-flag-1", "sk-flag-2", "sk-file-1", "sk-file-2");
    }

    @Test
    void withoutApiKeyFlagsAnyKeyIsAccepted() {
        assertThat(CommandLine.parse(new String[0]).acceptedApiKeys()).isEmpty();
    }

    @Test
    void anEmptyOrMissingKeysFileIsRejected(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n  \n");

        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--api-keys-file", empty.toString()}))
                .hasMessageContaining("holds no keys");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--api-keys-file", dir.resolve("absent").toString()}))
                .hasMessageContaining("cannot read API key file");
    }

    @Test
    void errorsAboutApiKeysNeverShowTheKeys() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--api-kee=sk-typo-secret"}))
                .hasMessageContaining("unknown option '--api-kee'")
                .hasMessageNotContaining("sk-typo-secret");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--api-key", "sk-secret", "--api-key", " "}))
                .hasMessageNotContaining("sk-secret");
    }

    @Test
    void theStartupSummaryCountsTheAcceptedKeysButNeverShowsThem(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("keys.txt"), "sk-file-secret\n");
        SimulatorOptions options = CommandLine.parse(new String[] {
                "--port", "0", "--api-key", "sk-flag-secret", "--api-keys-file", file.toString()});

        try (LlmSimulator sim = LlmSimulator.start(options)) {
            String summary = Main.startupSummary(sim, options);

            assertThat(summary).contains(sim.baseUrl()).endsWith("accepting 2 API keys")
                    .doesNotContain("sk-flag-secret").doesNotContain("sk-file-secret");
        }
        assertThat(options.toString()).doesNotContain("sk-flag-secret").doesNotContain("sk-file-secret");
    }

    @Test
    void theStartupSummaryIsUnchangedWithoutApiKeys() {
        SimulatorOptions options = CommandLine.parse(new String[] {"--port", "0"});

        try (LlmSimulator sim = LlmSimulator.start(options)) {
            assertThat(Main.startupSummary(sim, options)).isEqualTo("rampart-llm-sim listening on " + sim.baseUrl()
                    + " (OpenAI and Anthropic base URL " + sim.baseUrl() + "/v1)");
        }
    }

    @Test
    void helpListsTheApiKeyFlags() {
        assertThat(CommandLine.help()).contains("--api-key KEY", "--api-keys-file FILE");
    }
}
