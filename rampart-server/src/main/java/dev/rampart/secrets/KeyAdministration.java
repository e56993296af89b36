package dev.rampart.secrets;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Rotation of the key-encryption key, the rewrap job and retirement of old versions. Rewrap moves
 * data keys to the current KEK version without decrypting any data; it runs on one node at a time
 * (a PostgreSQL advisory lock) and its progress is visible from every node.
 */
public interface KeyAdministration {

	Overview overview();

	/** Makes a new KEK version current and starts a rewrap job (unless one is already running). */
	Rotation rotate();

	/** @throws dev.rampart.shared.RampartException {@code REWRAP_ALREADY_RUNNING} when another rewrap holds the lock */
	RewrapJob startRewrap();

	Optional<RewrapJob> job(UUID id);

	/**
	 * Refuses from now on to unwrap under versions below {@code version}.
	 * @throws dev.rampart.shared.RampartException {@code KEY_VERSION_IN_USE} when data keys are still wrapped
	 * under an older version and {@code force} is false
	 */
	Overview retire(int version, boolean force);

	record Overview(KeyStatus kek, List<VersionUse> dataKeys, long dataKeysBehindCurrent, @Nullable RewrapJob lastRewrap) {
	}

	/** How many data keys are wrapped under one KEK version. */
	record VersionUse(int version, long dataKeys) {
	}

	record Rotation(int currentVersion, @Nullable RewrapJob rewrap) {
	}

	/** One run of the rewrap job; {@code status} is {@code running}, {@code succeeded}, {@code failed} or {@code abandoned}. */
	record RewrapJob(UUID id, String status, int targetVersion, long total, long done, String node, @Nullable String error,
			Instant startedAt, @Nullable Instant finishedAt) {
	}
}
