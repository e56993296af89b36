package dev.rampart.gateway.threats;

import java.util.Locale;

/** What a window counts: one principal's requests, or all of a tenant's. Each level has models of its own. */
enum Level {
	PRINCIPAL, TENANT;

	/** The principal key of a tenant-level window. */
	static final String TENANT_KEY = "tenant";

	String label() {
		return name().toLowerCase(Locale.ROOT);
	}
}
