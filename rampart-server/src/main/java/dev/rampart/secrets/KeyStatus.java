package dev.rampart.secrets;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a {@link KeyEncryptionService} stands: the version new wraps use, the lowest version it
 * still unwraps, and every version it holds.
 */
public record KeyStatus(String backend, int currentVersion, int minDecryptionVersion, List<Version> versions) {

	public KeyStatus {
		versions = List.copyOf(versions);
	}

	/** One KEK version; {@code createdAt} is null where the backend does not report it. */
	public record Version(int version, @Nullable Instant createdAt) {
	}
}
