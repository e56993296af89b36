package dev.rampart.secrets.internal.vault;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.rampart.secrets.internal.vault.FakeVault.Reply;
import dev.rampart.secrets.internal.vault.FakeVault.Reply.Failure;
import org.jspecify.annotations.Nullable;

/** The KV v2 engine of {@link FakeVault}: versioned secrets under {@code data/} and {@code metadata/}, as Vault documents them. */
final class FakeKv {

	private final Clock clock;
	private final Map<String, List<Version>> secrets = new HashMap<>();

	FakeKv(Clock clock) {
		this.clock = clock;
	}

	synchronized Reply handle(String method, String mount, String area, String path, Map<String, Object> body,
			@Nullable String query) {
		String key = mount + "/" + path;
		boolean write = method.equals("POST") || method.equals("PUT");
		if (area.equals("data")) {
			return switch (method) {
				case "GET" -> read(key, query);
				case "DELETE" -> softDelete(key);
				default -> write ? write(key, body) : unsupported();
			};
		}
		return switch (method) {
			case "GET" -> metadata(key);
			case "DELETE" -> {
				secrets.remove(key);
				yield Reply.noContent();
			}
			default -> unsupported();
		};
	}

	synchronized Optional<Map<String, Object>> latest(String key) {
		List<Version> versions = secrets.get(key);
		if (versions == null || versions.getLast().deletedAt != null) {
			return Optional.empty();
		}
		return Optional.of(versions.getLast().fields);
	}

	synchronized int versionCount(String key) {
		List<Version> versions = secrets.get(key);
		return versions == null ? 0 : versions.size();
	}

	synchronized Version put(String key, Map<String, Object> fields, @Nullable Object cas) {
		List<Version> versions = secrets.computeIfAbsent(key, ignored -> new ArrayList<>());
		if (cas != null && (!(cas instanceof Number number) || number.intValue() != versions.size())) {
			throw new Failure(400, "check-and-set parameter did not match the current version");
		}
		Version version = new Version(versions.size() + 1, Collections.unmodifiableMap(new LinkedHashMap<>(fields)), clock.instant());
		versions.add(version);
		return version;
	}

	private Reply read(String key, @Nullable String query) {
		List<Version> versions = secrets.get(key);
		if (versions == null) {
			return Reply.error(404, null);
		}
		int wanted = versions.size();
		if (query != null && query.startsWith("version=")) {
			wanted = Integer.parseInt(query.substring("version=".length()));
			wanted = wanted == 0 ? versions.size() : wanted;
		}
		if (wanted < 1 || wanted > versions.size()) {
			return Reply.error(404, null);
		}
		Version version = versions.get(wanted - 1);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("data", version.deletedAt == null ? version.fields : null);
		data.put("metadata", version.metadata());
		// Vault answers 404 for a deleted version, still with its metadata in the body.
		return version.deletedAt == null ? Reply.data(data) : new Reply(404, Reply.data(data).body());
	}

	private Reply write(String key, Map<String, Object> body) {
		if (!(body.get("data") instanceof Map<?, ?> fields)) {
			throw new Failure(400, "no data provided");
		}
		Object cas = body.get("options") instanceof Map<?, ?> options ? options.get("cas") : null;
		@SuppressWarnings("unchecked")
		Version version = put(key, (Map<String, Object>) fields, cas);
		return Reply.data(version.metadata());
	}

	private Reply softDelete(String key) {
		List<Version> versions = secrets.get(key);
		if (versions != null) {
			versions.getLast().deletedAt = clock.instant();
		}
		return Reply.noContent();
	}

	private Reply metadata(String key) {
		List<Version> versions = secrets.get(key);
		if (versions == null) {
			return Reply.error(404, null);
		}
		Map<String, Object> byVersion = new LinkedHashMap<>();
		for (Version version : versions) {
			Map<String, Object> entry = new LinkedHashMap<>(version.metadata());
			entry.remove("version");
			entry.remove("custom_metadata");
			byVersion.put(Integer.toString(version.number), entry);
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("cas_required", false);
		data.put("created_time", versions.getFirst().createdAt.toString());
		data.put("current_version", versions.size());
		data.put("custom_metadata", null);
		data.put("delete_version_after", "0s");
		data.put("max_versions", 0);
		data.put("oldest_version", 0);
		data.put("updated_time", versions.getLast().createdAt.toString());
		data.put("versions", byVersion);
		return Reply.data(data);
	}

	private static Reply unsupported() {
		throw new Failure(405, "unsupported operation");
	}

	/** One version of a secret; a soft-deleted one keeps its number and loses its data. */
	static final class Version {

		private final int number;
		private final Map<String, Object> fields;
		private final Instant createdAt;
		private @Nullable Instant deletedAt;

		Version(int number, Map<String, Object> fields, Instant createdAt) {
			this.number = number;
			this.fields = fields;
			this.createdAt = createdAt;
		}

		Map<String, Object> metadata() {
			Map<String, Object> metadata = new LinkedHashMap<>();
			metadata.put("created_time", createdAt.toString());
			metadata.put("custom_metadata", null);
			metadata.put("deletion_time", deletedAt == null ? "" : deletedAt.toString());
			metadata.put("destroyed", false);
			metadata.put("version", number);
			return metadata;
		}
	}
}
