package dev.rampart.sim;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** Runs the simulator standalone until the process is stopped; {@code --help} lists the flags. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Standalone there is no logging backend; say so to SLF4J instead of letting it warn on every start.
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(CommandLine.help());
            return;
        }
        SimulatorOptions options;
        try {
            options = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("rampart-llm-sim: " + e.getMessage());
            System.exit(2);
            return;
        }
        LlmSimulator simulator = LlmSimulator.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "rampart-llm-sim-shutdown"));
        System.out.println(startupSummary(simulator, options));
        stopped.await();
    }

    /** The line printed at start; names how many API keys are accepted, never the keys. */
    static String startupSummary(LlmSimulator simulator, SimulatorOptions options) {
        String summary = "rampart-llm-sim listening on " + simulator.baseUrl()
                + " (OpenAI and Anthropic base URL " + simulator.baseUrl() + "/v1)";
        int keys = options.acceptedApiKeys().size();
        if (keys > 0) {
            return summary + ", accepting " + keys + (keys == 1 ? " API key" : " API keys");
        }
        return options.requireApiKey() ? summary + ", API key required" : summary;
    }
}
