package dev.rampart.secrets.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;

import dev.rampart.shared.startup.StartupProblem;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keyring on disk: versioned key-encryption keys as JSON, optionally sealed with a
 * {@link MasterKey}. Written atomically (temporary file, fsync, rename) with owner-only permissions.
 * Problems an operator must fix are thrown as {@link StartupProblem}s and leave the file untouched.
 */
final class KeyringFile {

	static final String FORMAT = "rampart-keyring/1";
	static final String SEALED_FORMAT = FORMAT + "+sealed";

	private static final Logger log = LoggerFactory.getLogger(KeyringFile.class);
	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
	private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The keyring in plaintext form; {@code material} holds the 32-byte KEKs. */
	record Content(String format, String id, int currentVersion, int minDecryptionVersion, List<Entry> keys) {

		Content {
			keys = List.copyOf(keys);
		}
	}

	record Entry(int version, Instant createdAt, byte[] material) {
	}

	record Sealed(String format, String kdf, int iterations, String salt, String sealed) {
	}

	private KeyringFile() {
	}

	static boolean exists(Path path) {
		return Files.exists(path);
	}

	static Content read(Path path, @Nullable MasterKey masterKey) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(path);
			warnIfReadableByOthers(path);
		}
		catch (AccessDeniedException ex) {
			throw new StartupProblem("The keyring " + path + " cannot be read by this user.",
					"Run Rampart as the user that owns the keyring, or fix its permissions (chmod 600).", ex);
		}
		catch (IOException ex) {
			throw new StartupProblem("The keyring " + path + " cannot be read (" + ex.getClass().getSimpleName() + ").",
					"Check the file and the disk, or restore the keyring from your backup.", ex);
		}
		try {
			String format = JSON.readTree(bytes).path("format").asString("");
			if (SEALED_FORMAT.equals(format)) {
				return unseal(path, JSON.readValue(bytes, Sealed.class), masterKey);
			}
			if (!FORMAT.equals(format)) {
				throw unreadable(path, null);
			}
			Content content = JSON.readValue(bytes, Content.class);
			if (masterKey != null) {
				log.info("The keyring {} is not sealed; sealing it with the master key now", path);
				write(path, content, masterKey);
			}
			return content;
		}
		catch (JacksonException ex) {
			throw unreadable(path, ex);
		}
	}

	/** Replaces the keyring atomically; a crash leaves either the old or the new file, never a torn one. */
	static void write(Path path, Content content, @Nullable MasterKey masterKey) {
		byte[] plain = JSON.writeValueAsBytes(content);
		byte[] bytes = masterKey == null ? plain : JSON.writeValueAsBytes(seal(content.id(), plain, masterKey));
		Path directory = path.toAbsolutePath().getParent();
		Path temporary = directory.resolve(path.getFileName() + ".tmp");
		try {
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
			}
			Files.deleteIfExists(temporary);
			Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				channel.write(java.nio.ByteBuffer.wrap(bytes));
				channel.force(true);
			}
			Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
				dir.force(true);
			}
		}
		catch (FileAlreadyExistsException ex) {
			throw new IllegalStateException("another process is writing the keyring " + path, ex);
		}
		catch (IOException ex) {
			throw new StartupProblem("The keyring " + path + " cannot be written (" + ex.getClass().getSimpleName() + ").",
					"Make the folder writable by the user running Rampart, or set RAMPART_KEYRING_PATH to a writable location.", ex);
		}
		finally {
			java.util.Arrays.fill(plain, (byte) 0);
		}
	}

	private static Sealed seal(String id, byte[] plain, MasterKey masterKey) {
		String kdf = masterKey.kdf();
		byte[] salt = Aes256Gcm.randomBytes(16);
		int iterations = MasterKey.RAW.equals(kdf) ? 0 : MasterKey.PBKDF2_ITERATIONS;
		SecretKey key = masterKey.derive(kdf, salt, iterations);
		byte[] sealed = Aes256Gcm.seal(key, new byte[0], associatedData(kdf, iterations, salt), plain);
		return new Sealed(SEALED_FORMAT, kdf, iterations, Base64.getEncoder().encodeToString(salt),
				Base64.getEncoder().encodeToString(sealed));
	}

	private static Content unseal(Path path, Sealed sealed, @Nullable MasterKey masterKey) {
		if (masterKey == null) {
			throw new StartupProblem("The keyring " + path + " is sealed with a master key, but no master key was given.",
					"Set RAMPART_MASTER_KEY (or RAMPART_MASTER_KEY_FILE) to the master key the keyring was sealed with.");
		}
		byte[] salt = Base64.getDecoder().decode(sealed.salt());
		SecretKey key = masterKey.derive(sealed.kdf(), salt, sealed.iterations());
		try {
			byte[] plain = Aes256Gcm.open(key, Base64.getDecoder().decode(sealed.sealed()), 0,
					associatedData(sealed.kdf(), sealed.iterations(), salt));
			try {
				return JSON.readValue(plain, Content.class);
			}
			finally {
				java.util.Arrays.fill(plain, (byte) 0);
			}
		}
		catch (AEADBadTagException ex) {
			throw new StartupProblem("The master key does not open the keyring " + path + ".",
					"Start with the RAMPART_MASTER_KEY the keyring was sealed with; nothing was changed.");
		}
	}

	private static byte[] associatedData(String kdf, int iterations, byte[] salt) {
		return (SEALED_FORMAT + "|" + kdf + "|" + iterations + "|" + Base64.getEncoder().encodeToString(salt))
			.getBytes(StandardCharsets.UTF_8);
	}

	private static StartupProblem unreadable(Path path, @Nullable Exception cause) {
		return new StartupProblem("The keyring " + path + " is not a Rampart keyring or is damaged.",
				"Restore the keyring from your backup; do not delete it, or the data it protects is lost.", cause);
	}

	private static void warnIfReadableByOthers(Path path) throws IOException {
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
			if (!OWNER_ONLY.containsAll(permissions)) {
				log.warn("The keyring {} is readable by other users ({}); run: chmod 600 {}", path,
						PosixFilePermissions.toString(permissions), path);
			}
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: nothing to check
		}
	}
}
