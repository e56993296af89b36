package dev.rampart.identity.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.rampart.identity.Grant;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.Role;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.annotation.Transactional;

/**
 * The built-in roles and the caller's tenant's custom roles. A custom role has a name no built-in or
 * {@link Role#RESERVED_NAMES reserved} role has, and grants its author holds themselves; only roles
 * whose grants the caller holds can be changed, and a role given to members cannot be deleted.
 * Renaming a role renames it for its members. Changes apply to the next request on this node.
 */
public class RoleAdministration {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,39}");
	private static final int MAX_DESCRIPTION = 500;

	private final JdbcCustomRoles customRoles;
	private final JdbcUsers users;
	private final TenantRoles roles;
	private final ChangeAudit audit;

	/** A role as listed: built-in roles have no id and no times. */
	public record RoleInfo(@Nullable UUID id, String name, @Nullable String description, boolean builtIn, List<Grant> grants,
			int members, @Nullable Instant createdAt, @Nullable Instant updatedAt) {

		static RoleInfo of(JdbcCustomRoles.CustomRole role, int members) {
			return new RoleInfo(role.id(), role.name(), role.description(), false, role.grants(), members, role.createdAt(),
					role.updatedAt());
		}
	}

	/** What a request changes; null leaves a field as it is, an empty description removes it. */
	public record RoleChanges(@Nullable String name, @Nullable String description, @Nullable List<GrantSpec> grants) {
	}

	RoleAdministration(JdbcCustomRoles customRoles, JdbcUsers users, TenantRoles roles, ChangeAudit audit) {
		this.customRoles = customRoles;
		this.users = users;
		this.roles = roles;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public List<RoleInfo> list(RampartPrincipal actor) {
		Map<String, Integer> counts = users.roleCounts(actor.tenant());
		List<RoleInfo> all = new ArrayList<>();
		for (Role role : Role.BUILT_IN) {
			all.add(new RoleInfo(null, role.name(), null, true, role.grants(), counts.getOrDefault(role.name(), 0), null, null));
		}
		customRoles.list(actor.tenant()).forEach(role -> all.add(RoleInfo.of(role, counts.getOrDefault(role.name(), 0))));
		return all;
	}

	@Transactional(readOnly = true)
	public Optional<RoleInfo> find(RampartPrincipal actor, UUID id) {
		return customRoles.find(actor.tenant(), id).map(role -> RoleInfo.of(role, users.countWithRole(actor.tenant(), role.name())));
	}

	@Transactional
	public RoleInfo create(RampartPrincipal actor, String name, @Nullable String description, @Nullable List<GrantSpec> grants) {
		TenantId tenant = actor.tenant();
		List<Grant> parsed = checked(actor, name, description, grants);
		JdbcCustomRoles.CustomRole created;
		try {
			created = customRoles.create(tenant, name, blankToNull(description), parsed);
		}
		catch (DuplicateKeyException ex) {
			throw nameTaken(name);
		}
		roles.changed(tenant);
		audit.record(tenant, "role.created", "role", created.id().toString(), Map.of("after", view(created)));
		return RoleInfo.of(created, 0);
	}

	/** Empty when the tenant has no such custom role. */
	@Transactional
	public Optional<RoleInfo> update(RampartPrincipal actor, UUID id, RoleChanges changes) {
		TenantId tenant = actor.tenant();
		Optional<JdbcCustomRoles.CustomRole> locked = customRoles.lock(tenant, id);
		if (locked.isEmpty()) {
			return Optional.empty();
		}
		JdbcCustomRoles.CustomRole before = locked.get();
		List<Grant> lacking = roles.held(actor).uncovered(before.grants());
		if (!lacking.isEmpty()) {
			throw new RampartException(ErrorCode.ROLE_NOT_GRANTABLE, "The role " + before.name() + " grants "
					+ Grants.summary(lacking) + ", which you do not hold, so you cannot change it.");
		}
		String name = changes.name() == null ? before.name() : changes.name();
		String description = changes.description() == null ? before.description() : blankToNull(changes.description());
		List<GrantSpec> grants = changes.grants() == null ? Grants.describe(before.grants()) : changes.grants();
		List<Grant> parsed = checked(actor, name, description, grants);
		JdbcCustomRoles.CustomRole after;
		try {
			after = customRoles.update(tenant, id, name, description, parsed);
		}
		catch (DuplicateKeyException ex) {
			throw nameTaken(name);
		}
		int members = before.name().equals(name) ? users.countWithRole(tenant, name) : users.renameRole(tenant, before.name(), name);
		roles.changed(tenant);
		audit.record(tenant, "role.updated", "role", id.toString(), Map.of("before", view(before), "after", view(after)));
		return Optional.of(RoleInfo.of(after, members));
	}

	/** False when the tenant has no such custom role. */
	@Transactional
	public boolean delete(RampartPrincipal actor, UUID id) {
		TenantId tenant = actor.tenant();
		Optional<JdbcCustomRoles.CustomRole> role = customRoles.lock(tenant, id);
		if (role.isEmpty()) {
			return false;
		}
		int members = users.countWithRole(tenant, role.get().name());
		if (members > 0) {
			throw new RampartException(ErrorCode.ROLE_IN_USE, "The role " + role.get().name() + " is given to " + members
					+ (members == 1 ? " member." : " members."));
		}
		customRoles.delete(tenant, id);
		roles.changed(tenant);
		audit.record(tenant, "role.deleted", "role", id.toString(), Map.of("before", view(role.get())));
		return true;
	}

	private List<Grant> checked(RampartPrincipal actor, String name, @Nullable String description,
			@Nullable List<GrantSpec> grants) {
		List<FieldProblem> problems = new ArrayList<>();
		if (!NAME.matcher(name).matches()) {
			problems.add(new FieldProblem("name",
					"must be 2 to 40 lower-case letters, digits or '-', starting with a letter"));
		}
		if (description != null && (description.length() > MAX_DESCRIPTION || description.chars().anyMatch(c -> c < 0x20 && c != '\n'))) {
			problems.add(new FieldProblem("description",
					"must be at most " + MAX_DESCRIPTION + " characters without control characters"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		List<Grant> parsed = Grants.parse(grants, "grants");
		if (Role.RESERVED_NAMES.contains(name)) {
			throw new RampartException(ErrorCode.ROLE_NAME_TAKEN, "'" + name + "' is a built-in or reserved role name.");
		}
		List<Grant> missing = roles.held(actor).uncovered(parsed);
		if (!missing.isEmpty()) {
			throw new RampartException(ErrorCode.PERMISSIONS_NOT_HELD, "You do not hold: " + Grants.summary(missing) + ".");
		}
		return parsed;
	}

	private static RampartException nameTaken(String name) {
		return new RampartException(ErrorCode.ROLE_NAME_TAKEN, "The tenant has a role named '" + name + "' already.");
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	private static Map<String, @Nullable Object> view(JdbcCustomRoles.CustomRole role) {
		Map<String, @Nullable Object> view = new LinkedHashMap<>();
		view.put("name", role.name());
		view.put("description", role.description());
		view.put("grants", Grants.describe(role.grants()));
		return view;
	}
}
