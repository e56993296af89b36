package dev.rampart.secrets.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.AEADBadTagException;

import dev.rampart.secrets.GeneratedDataKey;
import dev.rampart.secrets.KeyEncryptionService;
import dev.rampart.secrets.KeyServiceUnavailableException;
import dev.rampart.secrets.KeyStatus;
import dev.rampart.secrets.KeyVersionRetiredException;
import dev.rampart.secrets.WrappedKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link KeyEncryptionService}: versioned AES-256 KEKs in a keyring file beside the data
 * (or at {@code RAMPART_KEYRING_PATH}). Wrapped keys read {@code keyring:v<N>:<base64>} and carry
 * their version in the associated data, so a relabelled version fails to unwrap. Several nodes may
 * share one keyring file on a shared volume: an unknown version makes a node re-read the file once.
 */
public final class LocalKeyring implements KeyEncryptionService {

	private static final Logger log = LoggerFactory.getLogger(LocalKeyring.class);
	private static final String PREFIX = "keyring";

	private final Path path;
	private final @Nullable MasterKey masterKey;
	private final Clock clock;
	private volatile KeyringFile.Content content;

	private LocalKeyring(Path path, @Nullable MasterKey masterKey, Clock clock, KeyringFile.Content content) {
		this.path = path;
		this.masterKey = masterKey;
		this.clock = clock;
		this.content = content;
	}

	/** Opens the keyring at {@code path}, creating it with one KEK when it does not exist and {@code create} is true. */
	static LocalKeyring open(Path path, @Nullable String masterKey, Clock clock, boolean create) {
		MasterKey master = masterKey == null || masterKey.isBlank() ? null : MasterKey.of(masterKey);
		if (KeyringFile.exists(path)) {
			return new LocalKeyring(path, master, clock, KeyringFile.read(path, master));
		}
		if (!create) {
			throw new IllegalStateException("no keyring at " + path);
		}
		KeyringFile.Content content = new KeyringFile.Content(KeyringFile.FORMAT, UUID.randomUUID().toString(), 1, 1,
				List.of(new KeyringFile.Entry(1, clock.instant(), Aes256Gcm.newKey())));
		KeyringFile.write(path, content, master);
		log.info("Created a new keyring at {}{}; back it up: without it the encrypted data cannot be read", path,
				master == null ? "" : " sealed with the master key");
		return new LocalKeyring(path, master, clock, content);
	}

	Path path() {
		return path;
	}

	@Override
	public String backend() {
		return PREFIX;
	}

	@Override
	public GeneratedDataKey generateDataKey() {
		byte[] key = Aes256Gcm.newKey();
		return new GeneratedDataKey(key, wrap(key));
	}

	@Override
	public WrappedKey wrap(byte[] dataKey) {
		KeyringFile.Content current = content;
		KeyringFile.Entry kek = entry(current, current.currentVersion());
		String label = label(kek.version());
		byte[] sealed = Aes256Gcm.seal(Aes256Gcm.key(kek.material()), new byte[0], label.getBytes(StandardCharsets.UTF_8),
				dataKey);
		return new WrappedKey(kek.version(), label + Base64.getEncoder().encodeToString(sealed));
	}

	@Override
	public byte[] unwrap(WrappedKey wrapped) {
		KeyringFile.Content current = content;
		if (wrapped.version() < current.minDecryptionVersion()) {
			throw new KeyVersionRetiredException(wrapped.version(), current.minDecryptionVersion());
		}
		String label = label(wrapped.version());
		if (!wrapped.encoded().startsWith(label)) {
			throw new IllegalArgumentException("not a keyring-wrapped key of version " + wrapped.version());
		}
		KeyringFile.Entry kek = current.keys().stream().filter(e -> e.version() == wrapped.version()).findFirst()
			.orElseGet(() -> entry(reload(), wrapped.version()));
		byte[] sealed = Base64.getDecoder().decode(wrapped.encoded().substring(label.length()));
		try {
			return Aes256Gcm.open(Aes256Gcm.key(kek.material()), sealed, 0, label.getBytes(StandardCharsets.UTF_8));
		}
		catch (AEADBadTagException ex) {
			throw new KeyServiceUnavailableException("The data key does not unwrap with keyring version " + wrapped.version()
					+ " of " + path + ": the keyring does not belong to this database or the key was altered.", ex);
		}
	}

	@Override
	public WrappedKey rewrap(WrappedKey wrapped) {
		byte[] key = unwrap(wrapped);
		try {
			return wrap(key);
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
	}

	@Override
	public synchronized int rotate() {
		KeyringFile.Content current = reload();
		int next = current.keys().stream().mapToInt(KeyringFile.Entry::version).max().orElse(0) + 1;
		List<KeyringFile.Entry> keys = new ArrayList<>(current.keys());
		keys.add(new KeyringFile.Entry(next, clock.instant(), Aes256Gcm.newKey()));
		store(new KeyringFile.Content(current.format(), current.id(), next, current.minDecryptionVersion(), keys));
		log.info("Keyring {} rotated: version {} is now current", path, next);
		return next;
	}

	@Override
	public synchronized void setMinDecryptionVersion(int version) {
		KeyringFile.Content current = reload();
		if (version < 1 || version > current.currentVersion()) {
			throw new IllegalArgumentException("the minimum decryption version must be between 1 and the current version "
					+ current.currentVersion());
		}
		store(new KeyringFile.Content(current.format(), current.id(), current.currentVersion(), version, current.keys()));
		log.info("Keyring {}: versions below {} are retired", path, version);
	}

	@Override
	public KeyStatus status() {
		KeyringFile.Content current = content;
		return new KeyStatus(PREFIX, current.currentVersion(), current.minDecryptionVersion(),
				current.keys().stream().map(e -> new KeyStatus.Version(e.version(), e.createdAt())).toList());
	}

	private void store(KeyringFile.Content updated) {
		KeyringFile.write(path, updated, masterKey);
		content = updated;
	}

	private synchronized KeyringFile.Content reload() {
		content = KeyringFile.read(path, masterKey);
		return content;
	}

	private KeyringFile.Entry entry(KeyringFile.Content from, int version) {
		return from.keys().stream().filter(e -> e.version() == version).findFirst()
			.orElseThrow(() -> new KeyServiceUnavailableException("Keyring " + path + " has no key version " + version
					+ ": the keyring does not belong to this database or is an old copy.", null));
	}

	private static String label(int version) {
		return PREFIX + ":v" + version + ":";
	}
}
