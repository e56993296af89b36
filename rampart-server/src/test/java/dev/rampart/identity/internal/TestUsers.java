package dev.rampart.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.rampart.identity.Passwords;
import dev.rampart.identity.User;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Users and tenants made the way the identity module stores them, for tests outside its internal package. */
public class TestUsers {

	private final JdbcUsers users;
	private final JdbcTenants tenants;
	private final Passwords passwords;
	private final JdbcClient jdbc;
	private final UserStateCache states;
	private final Map<TenantId, String> names = new ConcurrentHashMap<>();

	TestUsers(JdbcUsers users, JdbcTenants tenants, Passwords passwords, JdbcClient jdbc, UserStateCache states) {
		this.users = users;
		this.tenants = tenants;
		this.passwords = passwords;
		this.jdbc = jdbc;
		this.states = states;
	}

	/** A user who is a developer in tenant {@code default} and owner of a new tenant {@code tenantName}, which is returned. */
	public TenantId userInTwoTenants(String email, String password, String tenantName) {
		User user = users.create(email, null, passwords.hash(SecretValue.of(password)), false, false);
		users.addMembership(user.id(), TenantId.DEFAULT, "developer");
		TenantId second = new TenantId(UUID.randomUUID());
		tenants.create(second, tenantName);
		users.addMembership(user.id(), second, "owner");
		names.put(second, tenantName);
		return second;
	}

	/** A user with {@code role} in tenant {@code default}. */
	public void userWithRole(String email, String password, String role) {
		User user = users.create(email, null, passwords.hash(SecretValue.of(password)), false, false);
		users.addMembership(user.id(), TenantId.DEFAULT, role);
	}

	/**
	 * Makes the user with this address (created with {@code password} when there is none, no password
	 * change required) a member of {@code tenant} with {@code role}, and returns the user's id.
	 */
	public UUID member(TenantId tenant, String email, String password, String role) {
		User user = users.findByEmail(email).map(JdbcUsers.Stored::user)
			.orElseGet(() -> users.create(email, null, passwords.hash(SecretValue.of(password)), false, false));
		users.addMembership(user.id(), tenant, role);
		return user.id();
	}

	public String tenantName(TenantId tenant) {
		return names.get(tenant);
	}

	/** What a password change or "log out everywhere" does to access tokens: those issued before {@code instant} stop working. */
	public void voidTokensIssuedBefore(String email, Instant instant) {
		UUID id = users.findByEmail(email).orElseThrow().user().id();
		jdbc.sql("update users set tokens_valid_after = :t where id = :id").param("t", Timestamp.from(instant)).param("id", id)
			.update();
		states.invalidate(id);
	}
}
