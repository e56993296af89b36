package dev.rampart.secrets.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;

import dev.rampart.secrets.EncryptionContext;
import dev.rampart.secrets.KeyPurpose;
import dev.rampart.shared.TenantId;
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
 * Envelope encryption then decryption of a 1 KiB value under a cached data key, against raw
 * AES-256-GCM of the same value and associated data (the target: 100,000 ops/s per core).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-XX:+UseCompactObjectHeaders" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EnvelopeBenchmark {

	private static final EncryptionContext CONTEXT = EncryptionContext.of(TenantId.PLATFORM, "stored_secrets",
			"ciphertext", "bench/1kib");

	private final byte[] plaintext = Aes256Gcm.randomBytes(1024);
	private final byte[] noPrefix = new byte[0];
	private BenchmarkSecrets secrets;
	private DataKeyEnvelopes envelopes;
	private SecretKey rawKey;
	private byte[] rawAssociatedData;

	@Setup(Level.Trial)
	public void start() throws IOException, SQLException {
		secrets = BenchmarkSecrets.start();
		envelopes = secrets.envelopes();
		if (!Arrays.equals(envelopeRoundTrip(), plaintext)) {
			throw new IllegalStateException("the envelope round trip does not return the plaintext");
		}
		rawKey = Aes256Gcm.key(Aes256Gcm.newKey());
		rawAssociatedData = CONTEXT.toAssociatedData();
	}

	@TearDown(Level.Trial)
	public void stop() throws IOException {
		secrets.close();
	}

	@Benchmark
	@Threads(1)
	public byte[] envelope1Thread() {
		return envelopeRoundTrip();
	}

	@Benchmark
	@Threads(2)
	public byte[] envelope2Threads() {
		return envelopeRoundTrip();
	}

	@Benchmark
	@Threads(1)
	public byte[] rawAesGcm1Thread() throws AEADBadTagException {
		byte[] sealed = Aes256Gcm.seal(rawKey, noPrefix, rawAssociatedData, plaintext);
		return Aes256Gcm.open(rawKey, sealed, 0, rawAssociatedData);
	}

	private byte[] envelopeRoundTrip() {
		return envelopes.decrypt(CONTEXT, envelopes.encrypt(KeyPurpose.SECRETS, CONTEXT, plaintext));
	}
}
