package dev.rampart.gateway;

import dev.rampart.identity.RampartPrincipal;
import dev.rampart.shared.TenantId;

/**
 * What other modules tell threat detection that the request path cannot see. Calls are cheap (no
 * I/O, no lock) and may come from any thread; with threat detection off they are ignored.
 */
public interface ThreatSignals {

	/** Records {@code tokens} model tokens spent for {@code principalKey} (see {@link #keyOf}) in the current window. */
	void tokensSpent(TenantId tenant, String principalKey, long tokens);

	/** The key threat detection counts a principal under: {@code user:<id>} or {@code api-key:<id>}. */
	static String keyOf(RampartPrincipal principal) {
		return (principal.isUser() ? "user:" : "api-key:") + principal.subject();
	}

	/** The key of an unauthenticated source address: {@code address:<ip>}. */
	static String addressKey(String address) {
		return "address:" + address;
	}
}
