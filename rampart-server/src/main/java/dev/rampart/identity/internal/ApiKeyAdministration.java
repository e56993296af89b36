package dev.rampart.identity.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.rampart.identity.ApiKeys.ApiKey;
import dev.rampart.identity.ApiKeys;
import dev.rampart.identity.Grant;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys of the caller's tenant through the API. Only a signed-in user creates keys, and only with
 * permissions their role holds unconditionally (a developer cannot mint {@code member:manage});
 * at use the key is also bounded by its creator's role of the moment. The key's secret is returned
 * once and never audited.
 */
public class ApiKeyAdministration {

	private final JdbcApiKeys keys;
	private final TenantRoles roles;
	private final ChangeAudit audit;

	ApiKeyAdministration(JdbcApiKeys keys, TenantRoles roles, ChangeAudit audit) {
		this.keys = keys;
		this.roles = roles;
		this.audit = audit;
	}

	/**
	 * @throws RampartException {@code PERMISSIONS_NOT_HELD} naming the permissions the creator does
	 * not hold; {@code VALIDATION_FAILED} for a bad name, permission or an expiry not in the future
	 */
	@Transactional
	public ApiKeys.Created create(RampartPrincipal actor, String name, @Nullable List<String> permissions,
			@Nullable Instant expiresAt) {
		if (!actor.isUser()) {
			throw new RampartException(ErrorCode.PERMISSION_DENIED, "An API key cannot create API keys; sign in as a user.");
		}
		keys.check(name, expiresAt);
		List<Grant> grants = Grants.permissions(permissions, "permissions");
		List<Grant> missing = roles.held(actor).uncovered(grants);
		if (!missing.isEmpty()) {
			throw new RampartException(ErrorCode.PERMISSIONS_NOT_HELD,
					"Your role " + actor.role() + " does not hold: " + Grants.summary(missing) + ".");
		}
		Set<String> scope = new LinkedHashSet<>(grants.stream().map(grant -> grant.permission().toString()).toList());
		ApiKeys.Created created = keys.create(actor.tenant(), actor.subject(), name, scope, expiresAt);
		audit.record(actor.tenant(), "api_key.created", "api_key", created.key().id().toString(),
				Map.of("after", view(created.key())));
		return created;
	}

	@Transactional(readOnly = true)
	public List<ApiKey> list(RampartPrincipal actor) {
		return keys.list(actor.tenant());
	}

	@Transactional(readOnly = true)
	public Optional<ApiKey> find(RampartPrincipal actor, UUID id) {
		return keys.find(actor.tenant(), id);
	}

	/** False when the tenant has no such key; revoking a revoked key changes nothing. */
	@Transactional
	public boolean revoke(RampartPrincipal actor, UUID id) {
		Optional<ApiKey> key = keys.find(actor.tenant(), id);
		if (key.isEmpty()) {
			return false;
		}
		if (key.get().revokedAt() == null && keys.revoke(actor.tenant(), id)) {
			audit.record(actor.tenant(), "api_key.revoked", "api_key", id.toString(), Map.of("before", view(key.get())));
		}
		return true;
	}

	/** What the audit log shows of a key: never its secret or hash. */
	private static Map<String, @Nullable Object> view(ApiKey key) {
		Map<String, @Nullable Object> view = new LinkedHashMap<>();
		view.put("name", key.name());
		view.put("prefix", key.prefix());
		view.put("permissions", List.copyOf(key.permissions()));
		view.put("expiresAt", key.expiresAt() == null ? null : key.expiresAt().toString());
		view.put("createdBy", key.createdBy());
		return view;
	}
}
