package dev.rampart.gateway.threats;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.rampart.gateway.ThreatSignals;
import dev.rampart.shared.TenantId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What threat detection adds to one request on the request path: {@link ThreatRecorder#request} for
 * an authenticated principal (its window and its tenant's), and the throttle check the rate limiter
 * makes. Each thread is one of 1,000 principals in 20 tenants, cycling through its own paths, with
 * the system clock, so windows really roll over during the run. Two threads share the recorder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-XX:+UseCompactObjectHeaders" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
public class ThreatRecorderBenchmark {

	private static final int PRINCIPALS = 1000;
	private static final String[] PATHS = new String[64];
	private static final TenantId[] TENANTS = new TenantId[20];
	private static final String[] KEYS = new String[PRINCIPALS];

	static {
		for (int i = 0; i < PATHS.length; i++) {
			PATHS[i] = "/api/v1/agents/" + UUID.randomUUID();
		}
		for (int i = 0; i < TENANTS.length; i++) {
			TENANTS[i] = new TenantId(UUID.randomUUID());
		}
		for (int i = 0; i < PRINCIPALS; i++) {
			KEYS[i] = "user:" + UUID.randomUUID();
		}
	}

	private ThreatRecorder recorder;
	private Throttles throttles;

	@Setup
	public void recorder() {
		recorder = new ThreatRecorder(Clock.systemUTC(), Duration.ofMinutes(1), 100_000);
		throttles = new Throttles(Clock.systemUTC(), 10);
	}

	/** One caller's position in its stream of requests. */
	@State(Scope.Thread)
	public static class Caller {

		int next;
	}

	@Benchmark
	public void recordRequest(Caller caller) {
		int n = caller.next++;
		int principal = n % PRINCIPALS;
		recorder.request(TENANTS[principal % TENANTS.length], KEYS[principal], n % 50 == 0 ? 404 : 200,
				PATHS[n % PATHS.length], 1200, false);
	}

	@Benchmark
	public boolean throttleCheckNobodyThrottled(Caller caller) {
		return throttles.anyThrottled() && throttles.isThrottled(KEYS[caller.next++ % PRINCIPALS]);
	}

	@Benchmark
	public boolean throttleCheckSomeoneThrottled(Caller caller) {
		if (!throttles.anyThrottled()) {
			throttles.throttle("user:someone-else", UUID.randomUUID(), java.time.Instant.now().plus(Duration.ofDays(1)));
		}
		return throttles.anyThrottled() && throttles.isThrottled(ThreatSignals.addressKey("198.51.100." + (caller.next++ & 255)));
	}
}
