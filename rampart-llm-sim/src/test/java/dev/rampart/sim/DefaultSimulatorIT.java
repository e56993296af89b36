package dev.rampart.sim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One simulator with the default options for a whole test class, reset before each test (faults, latency, rules,
 * stats, keys), and a raw HTTP client pointed at it.
 */
abstract class DefaultSimulatorIT {

    static LlmSimulator sim;
    static RawHttp http;

    @BeforeAll
    static void startSimulator() {
        sim = LlmSimulator.start(SimulatorOptions.defaults());
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
