package dev.rampart.identity.internal;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import dev.rampart.identity.PasswordProperties;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one Argon2id password hash and verification under the default parameters
 * (m = 19456 KiB, t = 2, p = 1), stated in docs/passwords.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-XX:+UseCompactObjectHeaders" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PasswordBenchmark {

	private static final PasswordProperties DEFAULTS = new PasswordProperties(19456, 2, 1, 16, 32, 12, 128);

	private final SecretValue password = SecretValue.of("correct horse battery staple");
	private Argon2idPasswords passwords;
	private String stored;

	@Setup(Level.Trial)
	public void start() {
		passwords = new Argon2idPasswords(DEFAULTS, new SecureRandom());
		stored = passwords.hash(password);
		if (!passwords.matches(password, stored)) {
			throw new IllegalStateException("the password does not match its own hash");
		}
	}

	@Benchmark
	@Threads(1)
	public String hash1Thread() {
		return passwords.hash(password);
	}

	@Benchmark
	@Threads(1)
	public boolean matches1Thread() {
		return passwords.matches(password, stored);
	}

	@Benchmark
	@Threads(1)
	public boolean dummyMatch1Thread() {
		return passwords.dummyMatch(password);
	}

	@Benchmark
	@Threads(2)
	public boolean matches2Threads() {
		return passwords.matches(password, stored);
	}
}
