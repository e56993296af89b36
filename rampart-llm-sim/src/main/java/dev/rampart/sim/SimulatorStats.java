package dev.rampart.sim;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of request counters since start-up or the last reset.
 *
 * @param requests   valid API requests (admin calls, health checks and requests rejected as invalid are not counted)
 * @param byEndpoint requests per endpoint: {@code chat.completions}, {@code messages}, {@code embeddings},
 *                   {@code models} (every model list), {@code ollama.chat}, {@code ollama.embed},
 *                   {@code gemini.generateContent} (streaming too), {@code gemini.embedContent},
 *                   {@code gemini.batchEmbedContents}, {@code azure.chat.completions}, {@code azure.embeddings}
 * @param byModel    requests per requested model name
 * @param byFault    injected faults per {@link Fault#wireName()}
 * @param byRule     requests answered per scripted rule name
 */
public record SimulatorStats(long requests, Map<String, Long> byEndpoint, Map<String, Long> byModel,
                             Map<String, Long> byFault, Map<String, Long> byRule) {

    public SimulatorStats {
        byEndpoint = sorted(byEndpoint);
        byModel = sorted(byModel);
        byFault = sorted(byFault);
        byRule = sorted(byRule);
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }
}
