package dev.rampart.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.Grant;
import dev.rampart.identity.PasswordPolicy;
import dev.rampart.identity.Passwords;
import dev.rampart.identity.Permission;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.RefreshTokens;
import dev.rampart.identity.User;
import dev.rampart.identity.internal.Authentication.Tokens;
import dev.rampart.secrets.BlindIndex;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signed-in user's own account: who they are, changing their password and signing out
 * everywhere. Both of the latter end every session of the user (all refresh-token families, and
 * access tokens through {@code tokens_valid_after}); a password change answers with a new session so
 * the caller stays signed in. Wrong current passwords count against the sign-in throttle.
 */
public class Accounts {

	private final JdbcUsers users;
	private final Passwords passwords;
	private final PasswordPolicy policy;
	private final RefreshTokens refreshTokens;
	private final Authentication authentication;
	private final LoginThrottle throttle;
	private final TenantRoles roles;
	private final ChangeAudit audit;
	private final TransactionTemplate transaction;
	private final TransactionTemplate readOnly;

	/** The caller's account in the tenant of the token, and every tenant they belong to. */
	public record Me(UUID id, String email, @Nullable String name, TenantRef tenant, String role, List<String> permissions,
			boolean platformAdmin, boolean mustChangePassword, List<Membership> tenants) {
	}

	public record TenantRef(TenantId id, String name) {
	}

	public record Membership(TenantId id, String name, String role) {
	}

	Accounts(JdbcUsers users, Passwords passwords, PasswordPolicy policy, RefreshTokens refreshTokens,
			Authentication authentication, LoginThrottle throttle, TenantRoles roles, ChangeAudit audit,
			PlatformTransactionManager transactions) {
		this.users = users;
		this.passwords = passwords;
		this.policy = policy;
		this.refreshTokens = refreshTokens;
		this.authentication = authentication;
		this.throttle = throttle;
		this.roles = roles;
		this.audit = audit;
		this.transaction = new TransactionTemplate(transactions);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	public Me me(RampartPrincipal principal) {
		UUID id = userOf(principal);
		return readOnly.execute(status -> {
			User user = users.find(id).orElseThrow(() -> notAUser()).user();
			List<Membership> memberships = users.memberships(id)
				.stream()
				.map(m -> new Membership(m.tenant(), m.tenantName(), m.role()))
				.toList();
			String tenantName = memberships.stream().filter(m -> m.id().equals(principal.tenant())).map(Membership::name)
				.findFirst().orElse("");
			List<String> permissions = new ArrayList<>(roles.held(principal).grants().stream().map(Grant::permission)
				.map(Permission::toString).distinct().toList());
			if (user.platformAdmin()) {
				permissions.add(Permission.PLATFORM_ADMIN.toString());
			}
			return new Me(id, user.email(), user.name(), new TenantRef(principal.tenant(), tenantName), principal.role(),
					permissions, user.platformAdmin(), user.mustChangePassword(), memberships);
		});
	}

	/**
	 * Verifies {@code current}, checks {@code next} against the policy, stores it, ends every session
	 * of the user and starts a new one in the principal's tenant.
	 *
	 * @throws InvalidFieldsException on {@code currentPassword} or {@code newPassword}
	 * @throws RampartException {@code LOGIN_THROTTLED} after repeated wrong current passwords
	 */
	public Tokens changePassword(RampartPrincipal principal, SecretValue current, SecretValue next, String address) {
		UUID id = userOf(principal);
		JdbcUsers.Stored stored = users.find(id).orElseThrow(() -> notAUser());
		String account = BlindIndex.normalizeEmail(stored.user().email());
		throttle.retryAfter(account, address).ifPresent(wait -> {
			throw new RampartException(ErrorCode.LOGIN_THROTTLED, "Too many wrong current passwords for this account.", wait,
					null);
		});
		if (!passwords.matches(current, stored.passwordHash())) {
			throttle.failed(account, address);
			transaction.executeWithoutResult(status -> audit.record(principal.tenant(), "user.password_change.failed", "user",
					id.toString(), AuditEntry.FAILED, Map.of()));
			throw new InvalidFieldsException("currentPassword", "is not your current password");
		}
		throttle.succeeded(account);
		List<FieldProblem> problems = new ArrayList<>(policy.problems(next, stored.user().email(), stored.user().name())
			.stream()
			.map(problem -> new FieldProblem("newPassword", problem))
			.toList());
		if (problems.isEmpty() && passwords.matches(next, stored.passwordHash())) {
			problems.add(new FieldProblem("newPassword", "must differ from the current password"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		String hash = passwords.hash(next);
		return transaction.execute(status -> {
			users.changePassword(id, hash, false);
			int ended = refreshTokens.revokeAll(id, "password change");
			audit.record(principal.tenant(), "user.password_changed", "user", id.toString(), Map.of("sessionsEnded", ended));
			return authentication.newSession(id, principal.tenant(), false);
		});
	}

	/** Ends every session of the user: refresh-token families now, access tokens from this second on. */
	public void logoutEverywhere(RampartPrincipal principal) {
		UUID id = userOf(principal);
		transaction.executeWithoutResult(status -> {
			users.voidTokens(id);
			int ended = refreshTokens.revokeAll(id, "logout everywhere");
			audit.record(principal.tenant(), "user.logged_out_everywhere", "user", id.toString(), Map.of("sessionsEnded", ended));
		});
	}

	private static UUID userOf(RampartPrincipal principal) {
		if (!principal.isUser()) {
			throw notAUser();
		}
		return UUID.fromString(principal.subject());
	}

	private static RampartException notAUser() {
		return new RampartException(ErrorCode.PERMISSION_DENIED,
				"This endpoint is about the signed-in user's own account; an API key has none.");
	}
}
