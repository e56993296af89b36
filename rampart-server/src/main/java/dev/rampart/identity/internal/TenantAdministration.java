package dev.rampart.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.rampart.identity.PasswordPolicy;
import dev.rampart.identity.Passwords;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.Role;
import dev.rampart.identity.User;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants, for platform admins. A new tenant gets an owner: the user with the given e-mail address
 * if there is one (their password is left as it is; the given one is ignored), otherwise a new user
 * with the given password, which must pass the policy and be changed at first sign-in because the
 * platform admin has seen it.
 */
public class TenantAdministration {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,61}[a-z0-9]");
	private static final Set<String> RESERVED = Set.of("platform", "system");

	private final JdbcTenants tenants;
	private final JdbcUsers users;
	private final Passwords passwords;
	private final PasswordPolicy policy;
	private final ChangeAudit audit;
	private final Clock clock;

	public record Created(TenantId id, String name, Instant createdAt, UUID ownerId, boolean ownerCreated) {
	}

	public record Summary(TenantId id, String name, Instant createdAt, int members) {
	}

	TenantAdministration(JdbcTenants tenants, JdbcUsers users, Passwords passwords, PasswordPolicy policy, ChangeAudit audit,
			Clock clock) {
		this.tenants = tenants;
		this.users = users;
		this.passwords = passwords;
		this.policy = policy;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * @throws RampartException {@code TENANT_NAME_TAKEN} for a name in use, {@code VALIDATION_FAILED}
	 * for a bad name or address, or a password the policy refuses when a user is created
	 */
	@Transactional
	public Created create(RampartPrincipal actor, String name, String ownerEmail, @Nullable SecretValue ownerPassword) {
		requirePlatformAdmin(actor);
		String tenantName = name.strip();
		// Every problem of the request in one answer, not the first one only.
		List<FieldProblem> problems = new ArrayList<>();
		if (!NAME.matcher(tenantName).matches() || RESERVED.contains(tenantName)) {
			problems.add(new FieldProblem("name", "must be 3 to 63 lower-case letters, digits or '-', starting with a letter"
					+ " and not ending with '-' (and not platform or system)"));
		}
		String email = null;
		try {
			email = EmailAddresses.check("ownerEmail", ownerEmail);
		}
		catch (InvalidFieldsException ex) {
			problems.addAll(ex.errors());
		}
		Optional<JdbcUsers.Stored> existing = email == null ? Optional.empty() : users.findByEmail(email);
		if (existing.isEmpty()) {
			problems.addAll(newPasswordProblems(email == null ? ownerEmail : email, ownerPassword));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		TenantId id = new TenantId(UuidV7.next(clock));
		if (tenants.findByName(tenantName).isPresent() || !tenants.create(id, tenantName)) {
			throw new RampartException(ErrorCode.TENANT_NAME_TAKEN, "A tenant named '" + tenantName + "' exists already.");
		}
		User owner = existing.isPresent() ? existing.get().user()
				: users.create(email, null, passwords.hash(ownerPassword), true, false);
		users.join(owner.id(), id, Role.OWNER.name());
		JdbcTenants.Tenant tenant = tenants.find(id).orElseThrow();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("name", tenantName);
		after.put("ownerId", owner.id().toString());
		after.put("ownerCreated", existing.isEmpty());
		audit.record(TenantId.PLATFORM, "tenant.created", "tenant", id.toString(), Map.of("after", after));
		audit.record(id, "member.added", "user", owner.id().toString(),
				Map.of("after", Map.of("userId", owner.id().toString(), "role", Role.OWNER.name()), "userCreated", existing.isEmpty()));
		return new Created(id, tenantName, tenant.createdAt(), owner.id(), existing.isEmpty());
	}

	@Transactional(readOnly = true)
	public List<Summary> list(RampartPrincipal actor) {
		requirePlatformAdmin(actor);
		return tenants.list().stream().map(t -> new Summary(t.id(), t.name(), t.createdAt(), t.members())).toList();
	}

	private List<FieldProblem> newPasswordProblems(String email, @Nullable SecretValue password) {
		if (password == null) {
			return List.of(new FieldProblem("ownerPassword", "is needed: no account has this address, so one is created"));
		}
		return policy.problems(password, email, null).stream().map(p -> new FieldProblem("ownerPassword", p)).toList();
	}

	/** The interceptor has checked {@code platform:admin}; this says it again where the work is done. */
	private static void requirePlatformAdmin(RampartPrincipal actor) {
		if (!actor.isUser() || !actor.platformAdmin()) {
			throw new RampartException(ErrorCode.PERMISSION_DENIED, "This needs the permission platform:admin.");
		}
	}
}
