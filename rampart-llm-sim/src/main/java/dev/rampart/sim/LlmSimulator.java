package dev.rampart.sim;

import dev.rampart.sim.internal.SimServer;

/**
 * A running LLM simulator: a real HTTP server speaking the OpenAI, Anthropic, Azure OpenAI, Ollama and Gemini
 * APIs. Point an OpenAI or Anthropic client's base URL at {@code baseUrl() + "/v1"}, an Ollama client's at
 * {@code baseUrl()}, a Gemini client's at {@code baseUrl() + "/v1beta"} and an OpenAI client standing in for
 * Azure at {@code baseUrl() + "/openai/deployments/{deployment}"} (README: base URLs). Close it to stop the
 * server and release the port.
 *
 * <pre>{@code
 * try (LlmSimulator sim = LlmSimulator.start(SimulatorOptions.defaults())) {
 *     String openAiBaseUrl = sim.baseUrl() + "/v1";
 * }
 * }</pre>
 */
public final class LlmSimulator implements AutoCloseable {

    private final SimServer server;
    private final String host;

    private LlmSimulator(SimServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** Starts listening before it returns; throws {@link IllegalStateException} if the port cannot be bound. */
    public static LlmSimulator start(SimulatorOptions options) {
        return new LlmSimulator(SimServer.start(options), options.host());
    }

    /** The bound port, also when the options asked for port 0. */
    public int port() {
        return server.port();
    }

    /**
     * {@code http://host:port}, without a trailing slash. A wildcard host (0.0.0.0, ::) is reported as the
     * loopback address, which is where a client on the same machine can reach it.
     */
    public String baseUrl() {
        String reachable = switch (host) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
        return "http://" + reachable + ":" + port();
    }

    public SimulatorControl control() {
        return server.control();
    }

    @Override
    public void close() {
        server.close();
    }
}
