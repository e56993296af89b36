package dev.rampart.gateway.masking;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.rampart.gateway.MaskingPolicy;
import dev.rampart.gateway.StreamMasker;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Masking throughput on one core: one operation masks a text of {@link #SIZE} ASCII characters (1 MB), so
 * ops/s is MB/s. {@code mixed} is prose with a secret, personal value or near miss every ~8 words
 * ({@link MaskSamples#mixed}); {@code prose} has none; {@code streamed16} feeds the mixed text to a
 * {@link StreamMasker} in 16-character chunks, like LLM tokens.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-XX:+UseCompactObjectHeaders" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class MaskingBenchmark {

	static final int SIZE = 1_000_000;

	private final PatternMasker masker = new PatternMasker();
	private final MaskingPolicy policy = MaskingPolicy.defaults();
	private String mixed = "";
	private String prose = "";
	private String[] chunks = new String[0];

	@Setup(Level.Trial)
	public void texts() {
		mixed = MaskSamples.mixed(new Random(42), SIZE).substring(0, SIZE);
		StringBuilder plain = new StringBuilder(SIZE + 64);
		while (plain.length() < SIZE) {
			plain.append("The quick brown fox jumps over the lazy dog while the model streams its answer. ");
		}
		prose = plain.substring(0, SIZE);
		chunks = new String[SIZE / 16];
		for (int i = 0; i < chunks.length; i++) {
			chunks[i] = mixed.substring(i * 16, i * 16 + 16);
		}
		if (masker.mask(mixed, policy).equals(mixed)) {
			throw new IllegalStateException("the mixed text has nothing to mask");
		}
	}

	@Benchmark
	public String mixed() {
		return masker.mask(mixed, policy);
	}

	@Benchmark
	public String prose() {
		return masker.mask(prose, policy);
	}

	@Benchmark
	public int streamed16() {
		StreamMasker stream = masker.stream(policy);
		int length = 0;
		for (String chunk : chunks) {
			length += stream.accept(chunk).length();
		}
		return length + stream.finish().length();
	}
}
