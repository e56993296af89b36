package dev.rampart.secrets.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.secrets.SecretManager;
import dev.rampart.secrets.SecretSource;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.ClockTicker;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;

/**
 * {@link SecretManager} with a Caffeine TTL cache in front of one {@link SecretSource} (a TTL of zero
 * turns the cache off). Cached values are wiped when they leave the cache; callers always get their own copy. Another node's write
 * reaches this node's cache when the TTL ends.
 */
final class CachingSecretManager implements SecretManager {

	static final String ENV_PREFIX = "env:";
	static final String FILE_PREFIX = "file:";

	private final SecretSource store;
	private final UnaryOperator<String> environment;
	private final Cache<String, SecretValue> cache;
	private final boolean caching;

	CachingSecretManager(SecretSource store, Duration ttl, Clock clock, UnaryOperator<String> environment) {
		this.store = store;
		this.environment = environment;
		// A zero TTL would evict (and wipe) each value while it is being loaded: it means "no cache".
		this.caching = ttl.isPositive();
		this.cache = Caffeine.newBuilder()
			.expireAfterWrite(ttl)
			.maximumSize(10_000)
			.ticker(new ClockTicker(clock))
			.executor(Runnable::run)
			.removalListener((String path, SecretValue value, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
				if (value != null) {
					value.close();
				}
			})
			.build();
	}

	@Override
	public SecretValue getSecret(String path) {
		if (!caching) {
			return load(path);
		}
		for (int attempt = 0; attempt < 3; attempt++) {
			SecretValue cached = cache.get(path, this::load);
			try {
				return SecretValue.ofBytes(cached.bytes());
			}
			catch (IllegalStateException wipedWhileReading) {
				// evicted and wiped between get and copy: load again
			}
		}
		return load(path);
	}

	@Override
	public void putSecret(String path, SecretValue value) {
		requireStored(path);
		if (!store.writable()) {
			throw new UnsupportedOperationException("the secret store " + store.name() + " is read-only");
		}
		store.write(path, value);
		cache.invalidate(path);
	}

	@Override
	public boolean deleteSecret(String path) {
		requireStored(path);
		boolean deleted = store.delete(path);
		cache.invalidate(path);
		return deleted;
	}

	@Override
	public void invalidate(String path) {
		cache.invalidate(path);
	}

	void invalidateAll() {
		cache.invalidateAll();
	}

	private SecretValue load(String path) {
		Optional<SecretValue> value;
		if (path.startsWith(ENV_PREFIX)) {
			value = Optional.ofNullable(environment.apply(path.substring(ENV_PREFIX.length()))).map(SecretValue::of);
		}
		else if (path.startsWith(FILE_PREFIX)) {
			value = readFile(Path.of(path.substring(FILE_PREFIX.length())));
		}
		else {
			value = store.read(path);
		}
		return value.orElseThrow(() -> new RampartException(ErrorCode.SECRET_NOT_FOUND,
				"No secret is stored at '" + path + "' in " + sourceOf(path) + "."));
	}

	private String sourceOf(String path) {
		return path.startsWith(ENV_PREFIX) ? "the environment" : path.startsWith(FILE_PREFIX) ? "the file system" : store.name();
	}

	private static Optional<SecretValue> readFile(Path file) {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			byte[] bytes = Files.readAllBytes(file);
			int end = bytes.length;
			while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
				end--;
			}
			byte[] trimmed = Arrays.copyOf(bytes, end);
			Arrays.fill(bytes, (byte) 0);
			try {
				return Optional.of(SecretValue.ofBytes(trimmed));
			}
			finally {
				Arrays.fill(trimmed, (byte) 0);
			}
		}
		catch (IOException ex) {
			throw new RampartException(ErrorCode.SECRET_NOT_FOUND, "The secret file " + file + " cannot be read.");
		}
	}

	private static void requireStored(String path) {
		if (path.startsWith(ENV_PREFIX) || path.startsWith(FILE_PREFIX)) {
			throw new IllegalArgumentException("environment and file secrets are read-only: " + path);
		}
	}
}
