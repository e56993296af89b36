package dev.rampart.identity.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.rampart.identity.Grant;
import dev.rampart.identity.PasswordPolicy;
import dev.rampart.identity.Passwords;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.Role;
import dev.rampart.identity.User;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;

/**
 * The members of the caller's tenant and their roles. Guard rails: a tenant keeps at least one
 * owner; only an owner makes someone an owner, or changes or removes an owner; a caller gives only
 * roles whose grants they hold themselves, and changes or removes only members whose role they hold,
 * so nobody can raise their own role. Membership changes of one tenant take turns (its row is locked).
 */
public class Members {

	private static final String OWNER = Role.OWNER.name();

	private final JdbcUsers users;
	private final JdbcTenants tenants;
	private final JdbcCustomRoles customRoles;
	private final TenantRoles roles;
	private final Passwords passwords;
	private final PasswordPolicy policy;
	private final ChangeAudit audit;

	/** A member as the tenant's members see them; never the password hash. */
	public record Member(UUID userId, String email, @Nullable String name, String role, Instant joinedAt) {

		static Member of(JdbcUsers.Member member) {
			User user = member.user();
			return new Member(user.id(), user.email(), user.name(), member.role(), member.joinedAt());
		}
	}

	/** The new member, and whether their account was created for it. */
	public record Added(Member member, boolean userCreated) {
	}

	Members(JdbcUsers users, JdbcTenants tenants, JdbcCustomRoles customRoles, TenantRoles roles, Passwords passwords,
			PasswordPolicy policy, ChangeAudit audit) {
		this.users = users;
		this.tenants = tenants;
		this.customRoles = customRoles;
		this.roles = roles;
		this.passwords = passwords;
		this.policy = policy;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public List<Member> list(RampartPrincipal actor) {
		return users.members(actor.tenant()).stream().map(Member::of).toList();
	}

	@Transactional(readOnly = true)
	public Optional<Member> find(RampartPrincipal actor, UUID user) {
		return users.member(actor.tenant(), user).map(Member::of);
	}

	/**
	 * Adds the user with this e-mail address, creating the account when there is none. A new account
	 * needs {@code password}, which must pass the policy and be changed at first sign-in; an existing
	 * account keeps its password and name ({@code password} and {@code name} are then ignored).
	 */
	@Transactional
	public Added add(RampartPrincipal actor, String email, @Nullable String name, String roleName,
			@Nullable SecretValue password) {
		TenantId tenant = actor.tenant();
		String address = EmailAddresses.check("email", email);
		tenants.lock(tenant);
		requireGrantable(actor, roleName, resolve(tenant, roleName));
		Optional<JdbcUsers.Stored> existing = users.findByEmail(address);
		User user;
		if (existing.isPresent()) {
			user = existing.get().user();
			if (!users.join(user.id(), tenant, roleName)) {
				throw new RampartException(ErrorCode.MEMBER_ALREADY_EXISTS, "The user " + user.id() + " is a member already.");
			}
		}
		else {
			if (password == null) {
				throw new InvalidFieldsException("password",
						"is needed: no account has this address, so one is created with this password (to be changed at first sign-in)");
			}
			policy.check(password, address, name);
			user = users.create(address, name, passwords.hash(password), true, false);
			users.join(user.id(), tenant, roleName);
		}
		Member member = Member.of(users.member(tenant, user.id()).orElseThrow());
		audit.record(tenant, "member.added", "user", user.id().toString(),
				Map.of("after", view(member.userId(), roleName), "userCreated", existing.isEmpty()));
		return new Added(member, existing.isEmpty());
	}

	/** Empty when the user is not a member of the caller's tenant. */
	@Transactional
	public Optional<Member> changeRole(RampartPrincipal actor, UUID userId, String roleName) {
		TenantId tenant = actor.tenant();
		tenants.lock(tenant);
		Optional<JdbcUsers.Member> current = users.member(tenant, userId);
		if (current.isEmpty()) {
			return Optional.empty();
		}
		String before = current.get().role();
		Role wanted = resolve(tenant, roleName);
		if (actor.isUser() && actor.subject().equals(userId.toString())) {
			List<Grant> raised = roles.find(tenant, before).orElse(new Role(before, List.of())).uncovered(wanted.grants());
			if (!raised.isEmpty()) {
				throw new RampartException(ErrorCode.ROLE_NOT_GRANTABLE, "You cannot raise your own role: " + roleName
						+ " grants " + Grants.summary(raised) + " beyond your role " + before + ".");
			}
		}
		requireManageable(actor, current.get());
		requireGrantable(actor, roleName, wanted);
		if (before.equals(roleName)) {
			return current.map(Member::of);
		}
		if (before.equals(OWNER)) {
			requireAnotherOwner(tenant, "demoted");
		}
		users.changeRole(userId, tenant, roleName);
		audit.record(tenant, "member.role_changed", "user", userId.toString(),
				Map.of("before", view(userId, before), "after", view(userId, roleName)));
		return users.member(tenant, userId).map(Member::of);
	}

	/** False when the user is not a member of the caller's tenant. */
	@Transactional
	public boolean remove(RampartPrincipal actor, UUID userId) {
		TenantId tenant = actor.tenant();
		tenants.lock(tenant);
		Optional<JdbcUsers.Member> current = users.member(tenant, userId);
		if (current.isEmpty()) {
			return false;
		}
		requireManageable(actor, current.get());
		if (current.get().role().equals(OWNER)) {
			requireAnotherOwner(tenant, "removed");
		}
		users.leave(userId, tenant);
		audit.record(tenant, "member.removed", "user", userId.toString(),
				Map.of("before", view(userId, current.get().role())));
		return true;
	}

	/** A built-in role or a custom role of the tenant, share-locked so that it cannot be deleted meanwhile. */
	private Role resolve(TenantId tenant, String name) {
		return Role.builtIn(name)
			.or(() -> customRoles.findByNameForShare(tenant, name).map(JdbcCustomRoles.CustomRole::role))
			.orElseThrow(() -> new InvalidFieldsException("role", "unknown role '" + clip(name) + "'; roles of this tenant: "
					+ roles.all(tenant).stream().map(Role::name).collect(Collectors.joining(", "))));
	}

	private void requireGrantable(RampartPrincipal actor, String name, Role role) {
		if (name.equals(OWNER) && !isOwner(actor)) {
			throw new RampartException(ErrorCode.ROLE_NOT_GRANTABLE, "Only an owner can make someone an owner.");
		}
		List<Grant> missing = roles.held(actor).uncovered(role.grants());
		if (!missing.isEmpty()) {
			throw new RampartException(ErrorCode.ROLE_NOT_GRANTABLE,
					"The role " + name + " grants " + Grants.summary(missing) + ", which you do not hold.");
		}
	}

	private void requireManageable(RampartPrincipal actor, JdbcUsers.Member member) {
		if (member.role().equals(OWNER) && !isOwner(actor)) {
			throw new RampartException(ErrorCode.ROLE_NOT_GRANTABLE, "Only an owner can change or remove an owner.");
		}
		Role current = roles.find(actor.tenant(), member.role()).orElse(new Role(member.role(), List.of()));
		List<Grant> missing = roles.held(actor).uncovered(current.grants());
		if (!missing.isEmpty()) {
			throw new RampartException(ErrorCode.ROLE_NOT_GRANTABLE, "The member's role " + member.role() + " grants "
					+ Grants.summary(missing) + ", which you do not hold.");
		}
	}

	private void requireAnotherOwner(TenantId tenant, String what) {
		if (users.countWithRole(tenant, OWNER) <= 1) {
			throw new RampartException(ErrorCode.LAST_OWNER, "The tenant's only owner cannot be " + what + ".");
		}
	}

	private static boolean isOwner(RampartPrincipal actor) {
		return actor.isUser() && OWNER.equals(actor.role());
	}

	private static Map<String, Object> view(UUID user, String role) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("userId", user.toString());
		view.put("role", role);
		return view;
	}

	private static String clip(String text) {
		String safe = text.replaceAll("\\p{Cntrl}", "?");
		return safe.length() > 40 ? safe.substring(0, 40) + "..." : safe;
	}
}
