package dev.rampart.identity.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.rampart.identity.AccessPolicy;
import dev.rampart.identity.AccessRequest;
import dev.rampart.identity.Grant;
import dev.rampart.identity.IdentityCacheProperties;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.Role;
import dev.rampart.shared.TenantId;

/**
 * What a principal may do in its tenant: its role resolved by name among the built-in roles and the
 * tenant's custom roles, plus the platform grant for a platform admin. Custom roles are cached per
 * tenant; a change on this node evicts the tenant's entry at once and again when its transaction
 * ends, and every other node when the trigger on {@code custom_roles} notifies {@code roles:<tenant>}
 * (see {@link NotifiedCache}: nothing is cached while the listener is disconnected).
 */
final class TenantRoles {

	static final String TOPIC = "roles";

	private final JdbcCustomRoles customRoles;
	private final NotifiedCache<TenantId, Map<String, Role>> cache;

	TenantRoles(JdbcCustomRoles customRoles, IdentityCacheProperties cacheProperties, Clock clock) {
		this.customRoles = customRoles;
		this.cache = new NotifiedCache<>(TOPIC, TenantId::of, cacheProperties.cachesRows() ? cacheProperties.rows() : 0,
				cacheProperties.ttl(), clock);
	}

	NotifiedCache<TenantId, Map<String, Role>> cache() {
		return cache;
	}

	/** A built-in role, or the tenant's custom role of that name. */
	Optional<Role> find(TenantId tenant, String name) {
		return Role.builtIn(name).or(() -> Optional.ofNullable(custom(tenant).get(name)));
	}

	/** Every role a member of the tenant can be given: built-in first, then custom by name. */
	List<Role> all(TenantId tenant) {
		return Stream.concat(Role.BUILT_IN.stream(), custom(tenant).values().stream().sorted(
				java.util.Comparator.comparing(Role::name))).toList();
	}

	/** Call when a custom role of {@code tenant} was created, changed or deleted. */
	void changed(TenantId tenant) {
		cache.invalidate(tenant);
	}

	/**
	 * The decision for a request: a user's role (and the platform grant of a platform admin); for an
	 * API key, its own permissions and, at the same time, its creator's current role.
	 */
	AccessPolicy.Decision decide(RampartPrincipal principal, AccessRequest request) {
		return decide(principal, request, AccessPolicy::decide);
	}

	/** The endpoint check of a per-resource handler: could the principal do this to some resource? */
	AccessPolicy.Decision decideForSomeResource(RampartPrincipal principal, AccessRequest request) {
		return decide(principal, request, AccessPolicy::decideForSomeResource);
	}

	private AccessPolicy.Decision decide(RampartPrincipal principal, AccessRequest request,
			BiFunction<Collection<Role>, AccessRequest, AccessPolicy.Decision> policy) {
		if (principal.kind() == RampartPrincipal.Kind.API_KEY) {
			AccessPolicy.Decision own = policy.apply(List.of(apiKeyRole(principal)), request);
			if (!own.allowed()) {
				return own;
			}
			AccessPolicy.Decision creator = policy.apply(List.of(role(principal)), request);
			return creator.allowed() ? own
					: new AccessPolicy.Decision(false, "the key's creator no longer holds " + request.needed());
		}
		List<Role> roles = principal.platformAdmin() ? List.of(role(principal), Role.PLATFORM_ADMIN) : List.of(role(principal));
		return policy.apply(roles, request);
	}

	/**
	 * What the principal holds in its tenant, to check what it hands out (roles, API keys): a user's
	 * role; for an API key, those of its permissions its creator still holds.
	 */
	Role held(RampartPrincipal principal) {
		Role role = role(principal);
		if (principal.kind() == RampartPrincipal.Kind.API_KEY) {
			List<Grant> keyGrants = apiKeyRole(principal).grants();
			List<Grant> lost = role.uncovered(keyGrants);
			return new Role("api-key", keyGrants.stream().filter(grant -> !lost.contains(grant)).toList());
		}
		return role;
	}

	private Role role(RampartPrincipal principal) {
		String name = principal.role();
		return name == null ? new Role("none", List.of()) : find(principal.tenant(), name).orElse(new Role(name, List.of()));
	}

	private static Role apiKeyRole(RampartPrincipal principal) {
		return new Role("api-key", principal.apiKeyPermissions().stream().sorted().map(Grant::of).toList());
	}

	private Map<String, Role> custom(TenantId tenant) {
		// customRoles.list opens its own transaction, bound to the tenant asked for (not the caller's).
		return cache.get(tenant, t -> customRoles.list(t)
			.stream()
			.map(JdbcCustomRoles.CustomRole::role)
			.collect(Collectors.toUnmodifiableMap(Role::name, Function.identity())));
	}
}
