package dev.rampart.secrets.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.rampart.secrets.SecretValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code getSecret} of a 64-byte secret stored in the database: served from the cache (the issue's
 * target: under 1 µs), and after a cache miss with the data key cached or, cold, unwrapped again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-XX:+UseCompactObjectHeaders" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class SecretManagerBenchmark {

	private static final String PATH = "bench/provider-api-key";
	private static final String VALUE = "sk-bench-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS";

	private BenchmarkSecrets secrets;
	private CachingSecretManager manager;

	@Setup(Level.Trial)
	public void start() throws IOException, SQLException {
		secrets = BenchmarkSecrets.start();
		DatabaseSecretSource source = new DatabaseSecretSource(secrets.jdbc(), secrets.envelopes(), Clock.systemUTC());
		manager = new CachingSecretManager(source, Duration.ofMinutes(5), Clock.systemUTC(), System::getenv);
		manager.putSecret(PATH, SecretValue.of(VALUE));
		try (SecretValue read = manager.getSecret(PATH)) {
			if (!read.reveal().equals(VALUE) || VALUE.length() != 64) {
				throw new IllegalStateException("the stored secret does not read back");
			}
		}
	}

	@TearDown(Level.Trial)
	public void stop() throws IOException {
		secrets.close();
	}

	@Benchmark
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public int cached() {
		try (SecretValue secret = manager.getSecret(PATH)) {
			return secret.length();
		}
	}

	@Benchmark
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public int uncached() {
		manager.invalidate(PATH);
		try (SecretValue secret = manager.getSecret(PATH)) {
			return secret.length();
		}
	}

	@Benchmark
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public int uncachedColdDataKey() {
		manager.invalidate(PATH);
		secrets.dataKeys().forget();
		try (SecretValue secret = manager.getSecret(PATH)) {
			return secret.length();
		}
	}
}
