package dev.rampart.identity;

import java.util.Set;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Who a request acts for: a signed-in user (subject = user id) or an API key (subject = key id),
 * always in exactly one tenant. A user has a {@code role} in that tenant; an API key has
 * {@code apiKeyPermissions} instead.
 */
public record RampartPrincipal(String subject, TenantId tenant, Kind kind, @Nullable String role,
		Set<String> apiKeyPermissions) {

	public enum Kind {
		USER, API_KEY
	}

	public RampartPrincipal {
		apiKeyPermissions = Set.copyOf(apiKeyPermissions);
	}
}
