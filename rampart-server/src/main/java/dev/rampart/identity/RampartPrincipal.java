package dev.rampart.identity;

import java.util.Set;

import dev.rampart.shared.TenantId;

/**
 * Who a request acts for: a signed-in user (subject = user id) or an API key (subject = key id),
 * always in exactly one tenant. {@code apiKeyPermissions} is the key's scope, empty for users.
 */
public record RampartPrincipal(String subject, TenantId tenant, Kind kind, Set<String> apiKeyPermissions) {

	public enum Kind {
		USER, API_KEY
	}

	public RampartPrincipal {
		apiKeyPermissions = Set.copyOf(apiKeyPermissions);
	}
}
