package dev.rampart.sim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One simulator for a whole test class, default options unless the class says otherwise, reset before each test
 * (faults, latency, rules, stats, keys), and a raw HTTP client pointed at it.
 */
abstract class DefaultSimulatorIT {

    static LlmSimulator sim;
    static RawHttp http;

    @BeforeAll
    static void startSimulator() {
        start(SimulatorOptions.defaults());
    }

    /**
     * For a class that needs other options: its own static {@code startSimulator()} annotated {@code @BeforeAll}
     * hides this class's one and calls this.
     */
    static void start(SimulatorOptions options) {
        sim = LlmSimulator.start(options);
        http = new RawHttp(sim.baseUrl());
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void resetSimulator() {
        sim.control().reset();
    }
}
