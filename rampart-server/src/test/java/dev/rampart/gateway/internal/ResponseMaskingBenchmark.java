package dev.rampart.gateway.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.gateway.Masker;
import dev.rampart.gateway.MaskingPolicy;
import dev.rampart.shared.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * What response masking adds to writing a JSON answer: {@code plain} serializes a typical list answer
 * ({@link #items} items of id, name, description, permissions, timestamps; 1 item is about 250 bytes), {@code masked}
 * does what {@link ResponseMaskingAdvice} does on top: the tenant's policy from a Caffeine cache, then the same
 * serialization through a {@link MaskingGenerator}. Nothing in the bodies needs masking, as in most answers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-XX:+UseCompactObjectHeaders" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class ResponseMaskingBenchmark {

	/** One item of a list answer, shaped like the API's views. */
	public record Item(UUID id, String name, String description, List<String> permissions, Instant createdAt,
			Instant updatedAt, boolean builtIn) {
	}

	/** A list answer. */
	public record Items(List<Item> items) {
	}

	@Param({ "5", "200" })
	public int items;

	private final JsonMapper json = JsonMapper.builder().build();
	private final TenantId tenant = TenantId.of(UUID.randomUUID().toString());
	private final Cache<TenantId, MaskingPolicy> policies = Caffeine.newBuilder().maximumSize(10_000).build();
	private final MaskingMeters meters = new MaskingMeters(new SimpleMeterRegistry());
	private Masker masker;
	private Items body;

	@Setup(Level.Trial)
	public void body() throws ReflectiveOperationException {
		var constructor = Class.forName("dev.rampart.gateway.masking.PatternMasker").getDeclaredConstructor();
		constructor.setAccessible(true);
		masker = (Masker) constructor.newInstance();
		policies.put(tenant, MaskingPolicy.defaults());
		List<Item> list = new ArrayList<>();
		Instant at = Instant.parse("2026-11-24T10:15:30.123456Z");
		for (int i = 0; i < items; i++) {
			list.add(new Item(UUID.randomUUID(), "release-runner-" + i, "Runs the nightly release workflow for team " + i,
					List.of("agent:read", "agent:execute", "run:read"), at, at.plusSeconds(i), i % 3 == 0));
		}
		body = new Items(list);
		if (!new String(plain()).equals(new String(masked()))) {
			throw new IllegalStateException("the body has something to mask");
		}
	}

	@Benchmark
	public byte[] plain() {
		return json.writeValueAsBytes(body);
	}

	@Benchmark
	public byte[] masked() {
		MaskingPolicy policy = policies.get(tenant, t -> MaskingPolicy.defaults());
		return json.writeValueAsBytes(new MaskedBody(body, masker, policy, meters));
	}
}
