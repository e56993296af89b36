package dev.rampart.identity;

import java.util.Set;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Who a request acts for: a signed-in user (subject = user id) or an API key (subject = key id),
 * always in exactly one tenant. A user has a {@code role} in that tenant, may be a platform admin
 * and may have to change their password before anything else. An API key has
 * {@code apiKeyPermissions}, and {@code role} is its creator's current role in the tenant: a key never
 * does more than its creator could, and never has platform rights.
 */
public record RampartPrincipal(String subject, TenantId tenant, Kind kind, @Nullable String role,
		Set<String> apiKeyPermissions, boolean platformAdmin, boolean mustChangePassword) {

	public enum Kind {
		USER, API_KEY
	}

	public RampartPrincipal {
		apiKeyPermissions = Set.copyOf(apiKeyPermissions);
		if (kind == Kind.API_KEY && (platformAdmin || mustChangePassword)) {
			throw new IllegalArgumentException("an API key is never a platform admin and has no password");
		}
	}

	public static RampartPrincipal user(String userId, TenantId tenant, String role, boolean platformAdmin,
			boolean mustChangePassword) {
		return new RampartPrincipal(userId, tenant, Kind.USER, role, Set.of(), platformAdmin, mustChangePassword);
	}

	/** @param creatorRole the role the key's creator holds in the tenant now */
	public static RampartPrincipal apiKey(String keyId, TenantId tenant, String creatorRole, Set<String> permissions) {
		return new RampartPrincipal(keyId, tenant, Kind.API_KEY, creatorRole, permissions, false, false);
	}

	public boolean isUser() {
		return kind == Kind.USER;
	}
}
