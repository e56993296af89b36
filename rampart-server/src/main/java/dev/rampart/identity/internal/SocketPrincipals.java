package dev.rampart.identity.internal;

import java.util.Map;
import java.util.Optional;

import dev.rampart.identity.AccessPolicy;
import dev.rampart.identity.AccessRequest;
import dev.rampart.identity.ApiKeys;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.BearerPrincipals;
import dev.rampart.identity.InvalidTokenException;
import dev.rampart.identity.Permission;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.secrets.SecretValue;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** {@link BearerPrincipals} with the bearer filter's rules and the per-resource check's roles, for sockets. */
@Component
class SocketPrincipals implements BearerPrincipals {

	private final Authentication authentication;
	private final ApiKeys apiKeys;
	private final TenantRoles roles;
	private final AuditLog audit;

	SocketPrincipals(Authentication authentication, ApiKeys apiKeys, TenantRoles roles, AuditLog audit) {
		this.authentication = authentication;
		this.apiKeys = apiKeys;
		this.roles = roles;
		this.audit = audit;
	}

	@Override
	public RampartPrincipal authenticate(String bearer) {
		String token = bearer.strip();
		if (token.isEmpty()) {
			throw new InvalidTokenException("no token", false);
		}
		if (!token.startsWith("rpk_")) {
			return authentication.principal(token);
		}
		try (SecretValue secret = SecretValue.of(token)) {
			Optional<ApiKeys.ApiKey> key = apiKeys.authenticate(secret);
			return authentication.principal(key.orElseThrow(() -> new InvalidTokenException(
					"unknown, expired or revoked API key", false, "API key")));
		}
	}

	@Override
	public boolean allows(RampartPrincipal principal, String permission, @Nullable String owner) {
		Permission needed = Permission.of(permission);
		AccessPolicy.Decision decision = roles.decide(principal, new AccessRequest(principal.subject(), needed, owner,
				Map.of(), null));
		if (!decision.allowed()) {
			audit.record(new AuditEntry(principal.tenant(), principal.subject(), null, "access.denied", "resource",
					"websocket " + permission, AuditEntry.DENIED, Map.of("permission", needed.toString(), "reason",
							decision.reason())));
		}
		return decision.allowed();
	}
}
