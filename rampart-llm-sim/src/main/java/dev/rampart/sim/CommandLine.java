package dev.rampart.sim;

import dev.rampart.sim.internal.RuleFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Turns command-line flags into {@link SimulatorOptions}; each flag is listed once, with its help text. API keys
 * given with {@code --api-key} or {@code --api-keys-file} never appear in error messages.
 */
final class CommandLine {

    static final int DEFAULT_PORT = 8090;

    private record Flag(String valueName, String help, BiConsumer<Parse, String> apply) {
    }

    /** Mutable state while parsing; the options are built once at the end. */
    private static final class Parse {
        final SimulatorOptions.Builder options = SimulatorOptions.builder().port(DEFAULT_PORT);
        LatencyModel latency = LatencyModel.NONE;
        FaultRates faults = FaultRates.NONE;
        final List<String> apiKeys = new ArrayList<>();
    }

    private static final Map<String, Flag> FLAGS = new LinkedHashMap<>();

    static {
        flag("--host", "HOST", "address to listen on (default " + SimulatorOptions.DEFAULT_HOST + ")",
                (p, v) -> p.options.host(v));
        flag("--port", "PORT", "TCP port, 0 for any free one (default " + DEFAULT_PORT + ")",
                (p, v) -> p.options.port(Integer.parseInt(v)));
        flag("--ttft-ms", "MS|MIN-MAX", "time to first token (default 0)",
                (p, v) -> p.latency = p.latency.withTtft(DelayRange.parse(v)));
        flag("--inter-token-ms", "MS|MIN-MAX", "delay between streamed tokens (default 0)",
                (p, v) -> p.latency = p.latency.withInterToken(DelayRange.parse(v)));
        flag("--tokens-per-reply", "N", "pad or cut text replies to N tokens; 0 keeps natural length (default 0)",
                (p, v) -> p.latency = p.latency.withTokensPerReply(Integer.parseInt(v)));
        for (Fault fault : Fault.values()) {
            flag("--fault-rate-" + fault.wireName(), "P", "probability 0..1 of the " + fault.wireName() + " fault (default 0)",
                    (p, v) -> p.faults = p.faults.with(fault, Double.parseDouble(v)));
        }
        flag("--script", "FILE", "scripted rules to load (JSON, see examples/rules.json)",
                (p, v) -> p.options.rules(RuleFiles.load(Path.of(v))));
        flag("--seed", "N", "seed of all random choices (default " + SimulatorOptions.DEFAULT_SEED + ")",
                (p, v) -> p.options.seed(Long.parseLong(v)));
        flag("--require-api-key", "", "answer 401 to requests without an API key (default: keys are optional)",
                (p, v) -> p.options.requireApiKey(true));
        flag("--api-key", "KEY", "accept only this API key; repeatable, implies --require-api-key (default: any key)",
                (p, v) -> p.apiKeys.add(v));
        flag("--api-keys-file", "FILE", "accept only the API keys in FILE, one per line; implies --require-api-key",
                (p, v) -> p.apiKeys.addAll(readApiKeys(Path.of(v))));
        flag("--max-body-bytes", "N", "larger request bodies get 413 (default " + SimulatorOptions.DEFAULT_MAX_BODY_BYTES + ")",
                (p, v) -> p.options.maxBodyBytes(Integer.parseInt(v)));
        flag("--stall-cap-ms", "MS", "how long a stalled request is held before closing (default "
                + SimulatorOptions.DEFAULT_STALL_CAP.toMillis() + ")",
                (p, v) -> p.options.stallCap(Duration.ofMillis(Long.parseLong(v))));
        flag("--embedding-dimensions", "N", "default embedding size (default "
                + SimulatorOptions.DEFAULT_EMBEDDING_DIMENSIONS + ")",
                (p, v) -> p.options.embeddingDimensions(Integer.parseInt(v)));
    }

    private CommandLine() {
    }

    private static void flag(String name, String valueName, String help, BiConsumer<Parse, String> apply) {
        FLAGS.put(name, new Flag(valueName, help, apply));
    }

    /** Accepts {@code --flag value} and {@code --flag=value}; throws {@link IllegalArgumentException} on errors. */
    static SimulatorOptions parse(String[] args) {
        Parse parse = new Parse();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            Flag flag = FLAGS.get(name);
            if (flag == null) {
                // The name only: a mistyped --api-key=KEY must not print the key.
                throw new IllegalArgumentException("unknown option '" + name + "' (see --help)");
            }
            String value;
            if (flag.valueName().isEmpty()) {
                value = "true";
            } else if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value: " + flag.valueName());
            }
            try {
                flag.apply().accept(parse, value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": '" + value + "' is not a number", e);
            }
        }
        return parse.options.latency(parse.latency).faultRates(parse.faults).acceptedApiKeys(parse.apiKeys).build();
    }

    /** One key per line, surrounding whitespace removed; blank lines are skipped. The file must hold a key. */
    private static List<String> readApiKeys(Path file) {
        List<String> keys;
        try {
            keys = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read API key file " + file + ": " + e, e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("API key file " + file + " holds no keys");
        }
        return keys;
    }

    static String help() {
        StringBuilder help = new StringBuilder("""
                Usage: java -jar rampart-llm-sim-exec.jar [options]

                An LLM simulator speaking the OpenAI, Anthropic, Azure OpenAI, Ollama and Gemini APIs.
                Base URLs: OpenAI and Anthropic http://HOST:PORT/v1, Ollama http://HOST:PORT,
                Gemini http://HOST:PORT/v1beta, Azure http://HOST:PORT/openai/deployments/DEPLOYMENT

                Options:
                """);
        FLAGS.forEach((name, flag) -> {
            String left = flag.valueName().isEmpty() ? name : name + " " + flag.valueName();
            help.append("  ").append(String.format("%-34s", left)).append(flag.help()).append('\n');
        });
        help.append("  ").append(String.format("%-34s", "--help")).append("print this help\n");
        return help.toString();
    }
}
