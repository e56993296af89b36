package dev.rampart.secrets.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rampart.MovableClock;
import dev.rampart.secrets.SecretSource;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache in front of a source; the source here is an in-memory one that counts its reads. */
class CachingSecretManagerTest {

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));
	private final CountingSource source = new CountingSource();
	private final Map<String, String> environment = new HashMap<>();
	private final CachingSecretManager secrets = new CachingSecretManager(source, Duration.ofMinutes(5), clock,
			environment::get);

	@TempDir
	Path dir;

	@Test
	void aCachedSecretIsServedWithoutReadingTheSourceUntilTheTtlEnds() {
		source.values.put("db/password", "hunter2-hunter2");

		for (int i = 0; i < 10; i++) {
			try (SecretValue value = secrets.getSecret("db/password")) {
				assertThat(value.reveal()).isEqualTo("hunter2-hunter2");
			}
		}
		assertThat(source.reads.get()).isEqualTo(1);

		clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		secrets.getSecret("db/password").close();

		assertThat(source.reads.get()).isEqualTo(2);
	}

	@Test
	void aZeroTtlReadsTheSourceOncePerCall() {
		CachingSecretManager uncached = new CachingSecretManager(source, Duration.ZERO, clock, environment::get);
		source.values.put("k", "value-1");

		for (int i = 0; i < 3; i++) {
			try (SecretValue value = uncached.getSecret("k")) {
				assertThat(value.reveal()).isEqualTo("value-1");
			}
		}

		assertThat(source.reads.get()).isEqualTo(3);
	}

	@Test
	void callersGetCopiesSoClosingOneDoesNotWipeTheCache() {
		source.values.put("k", "value-1");

		secrets.getSecret("k").close();

		try (SecretValue again = secrets.getSecret("k")) {
			assertThat(again.reveal()).isEqualTo("value-1");
		}
	}

	@Test
	void anUpdateOrDeleteInvalidatesTheCachedCopy() {
		source.values.put("k", "value-1");
		secrets.getSecret("k").close();

		secrets.putSecret("k", SecretValue.of("value-2"));

		assertThat(secrets.getSecret("k").reveal()).isEqualTo("value-2");
		secrets.deleteSecret("k");
		assertThatThrownBy(() -> secrets.getSecret("k")).isInstanceOfSatisfying(RampartException.class,
				e -> assertThat(e.code()).isEqualTo(ErrorCode.SECRET_NOT_FOUND));
	}

	@Test
	void invalidateAllDropsEveryCachedSecret() {
		source.values.put("k", "value-1");
		secrets.getSecret("k").close();
		source.values.put("k", "changed-behind-our-back");

		secrets.invalidateAll();

		assertThat(secrets.getSecret("k").reveal()).isEqualTo("changed-behind-our-back");
	}

	@Test
	void environmentAndFileSecretsAreReadForDevelopmentButNeverWritten() throws Exception {
		environment.put("OPENAI_API_KEY", "sk-from-env");
		Path file = Files.writeString(dir.resolve("token"), "from-file\n");

		assertThat(secrets.getSecret("env:OPENAI_API_KEY").reveal()).isEqualTo("sk-from-env");
		assertThat(secrets.getSecret("file:" + file).reveal()).isEqualTo("from-file");
		assertThatThrownBy(() -> secrets.putSecret("env:X", SecretValue.of("v"))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> secrets.getSecret("env:MISSING")).isInstanceOfSatisfying(RampartException.class,
				e -> assertThat(e.technicalDetails()).contains("the environment"));
		assertThat(source.reads.get()).isZero();
	}

	static final class CountingSource implements SecretSource {

		final Map<String, String> values = new HashMap<>();
		final AtomicInteger reads = new AtomicInteger();

		@Override
		public String name() {
			return "memory";
		}

		@Override
		public Optional<SecretValue> read(String path) {
			reads.incrementAndGet();
			return Optional.ofNullable(values.get(path)).map(SecretValue::of);
		}

		@Override
		public boolean writable() {
			return true;
		}

		@Override
		public void write(String path, SecretValue value) {
			values.put(path, value.reveal());
		}

		@Override
		public boolean delete(String path) {
			return values.remove(path) != null;
		}
	}
}
