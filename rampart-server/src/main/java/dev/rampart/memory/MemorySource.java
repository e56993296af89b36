package dev.rampart.memory;

import java.util.Locale;

/** Where a memory came from (its provenance), so that operators can tell a user's note from a run's summary. */
public enum MemorySource {
	/** Saved through {@code POST /api/v1/agents/{id}/memories}. */
	API,
	/** Saved by the agent step pipeline during a run. */
	RUN,
	/** Saved by the model through the {@code memory_save} tool. */
	TOOL,
	/** A turn summarized into a memory after a run. */
	SUMMARY;

	/** The name stored and shown: lower case. */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static MemorySource fromWireName(String name) {
		return valueOf(name.toUpperCase(Locale.ROOT));
	}
}
