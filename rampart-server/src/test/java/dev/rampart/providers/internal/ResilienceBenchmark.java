package dev.rampart.providers.internal;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderType;
import dev.rampart.providers.ProvidersProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the resilience layer adds to one successful attempt: breaker permission and record, bulkhead slot, the
 * loop. {@code direct} runs the same attempt without it; the difference is the overhead per model call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-XX:+UseCompactObjectHeaders" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
public class ResilienceBenchmark {

	private final Provider provider = Provider.builtIn("bench", ProviderType.OPENAI, URI.create("http://127.0.0.1:1/v1"), List.of("m"),
			ProvidersProperties.Resilience.defaults());
	private final ProviderResilience resilience = new ProviderResilience(Clock.systemUTC(),
			new SimpleMeterRegistry(), duration -> {
			}, new SplittableRandom(1), null);
	private final ProviderResilience.Attempt<String> attempt = () -> "reply";

	@Benchmark
	public String direct() {
		return attempt.run();
	}

	@Benchmark
	public String guarded() {
		return resilience.call(provider, "m", attempt);
	}
}
