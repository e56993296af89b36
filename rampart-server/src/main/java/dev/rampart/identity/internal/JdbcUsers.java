package dev.rampart.identity.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.identity.User;
import dev.rampart.secrets.BlindIndex;
import dev.rampart.secrets.EncryptionContext;
import dev.rampart.secrets.EnvelopeEncryption;
import dev.rampart.secrets.KeyPurpose;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Users in the {@code users} table: e-mail and name envelope-encrypted and bound to the user's row,
 * the e-mail also as a blind index (scope {@code users.email}) so sign-in finds the row by address.
 * {@link #find} decrypts; the request path reads {@link UserStateCache} instead. A method that
 * changes whether a user's tokens are accepted (disabled, {@code tokens_valid_after}, memberships)
 * calls {@link UserStateCache#invalidate} after its write.
 */
final class JdbcUsers {

	static final String EMAIL_SCOPE = "users.email";

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final EnvelopeEncryption encryption;
	private final BlindIndex index;
	private final Clock clock;
	private final UserStateCache states;

	/** A stored user with the password hash, which never leaves the identity module. */
	record Stored(User user, String passwordHash) {
	}

	JdbcUsers(JdbcClient jdbc, TenantTransactions transactions, EnvelopeEncryption encryption, BlindIndex index, Clock clock,
			UserStateCache states) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.encryption = encryption;
		this.index = index;
		this.clock = clock;
		this.states = states;
	}

	User create(String email, @Nullable String name, String passwordHash, boolean mustChangePassword, boolean platformAdmin) {
		UUID id = UuidV7.next(clock);
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into users (id, email, email_index, name, password_hash, must_change_password, platform_admin,
					tokens_valid_after, created_at, updated_at)
				values (:id, :email, :index, :name, :hash, :mustChange, :admin, :now, :now, :now)""")
			.param("id", id)
			.param("email", encrypt(id, "email", email.strip()))
			.param("index", emailIndex(email))
			.param("name", name == null ? null : encrypt(id, "name", name))
			.param("hash", passwordHash)
			.param("mustChange", mustChangePassword)
			.param("admin", platformAdmin)
			.param("now", now)
			.update();
		return find(id).orElseThrow().user();
	}

	Optional<Stored> findByEmail(String email) {
		return jdbc.sql("select * from users where email_index = :index")
			.param("index", emailIndex(email))
			.query(this::stored)
			.optional();
	}

	Optional<Stored> find(UUID id) {
		return jdbc.sql("select * from users where id = :id").param("id", id).query(this::stored).optional();
	}

	boolean anyPlatformAdmin() {
		return jdbc.sql("select exists (select 1 from users where platform_admin)").query(Boolean.class).single();
	}

	/** Sets a new password hash; {@code tokens_valid_after} moves to now, so existing access tokens stop working. */
	void changePassword(UUID id, String passwordHash, boolean mustChange) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				update users set password_hash = :hash, must_change_password = :mustChange, tokens_valid_after = :now,
					updated_at = :now where id = :id""")
			.param("hash", passwordHash).param("mustChange", mustChange).param("now", now).param("id", id)
			.update();
		states.invalidate(id);
	}

	/** A stronger hash of the same password (after the parameters were raised); tokens stay valid. */
	void changePasswordHashOnly(UUID id, String passwordHash) {
		jdbc.sql("update users set password_hash = :hash, updated_at = :now where id = :id")
			.param("hash", passwordHash).param("now", Timestamp.from(clock.instant())).param("id", id)
			.update();
	}

	/** The tenant a sign-in without a tenant lands in: the user's oldest membership. */
	Optional<TenantId> firstTenant(UUID user) {
		return transactions.asSystem("sign-in looks for the user's tenants before one is chosen", () -> jdbc
			.sql("select tenant_id from memberships where user_id = :user order by created_at, tenant_id limit 1")
			.param("user", user)
			.query((rs, n) -> new TenantId(rs.getObject(1, UUID.class)))
			.optional());
	}

	void addMembership(UUID user, TenantId tenant, String role) {
		transactions.inTenant(tenant, () -> jdbc.sql("""
				insert into memberships (user_id, tenant_id, role, created_at) values (:user, :tenant, :role, :now)
				on conflict (user_id, tenant_id) do update set role = excluded.role""")
			.param("user", user).param("tenant", tenant.value()).param("role", role)
			.param("now", Timestamp.from(clock.instant()))
			.update());
		states.invalidate(user);
	}

	/** Adds {@code user} to {@code tenant}; false when they are a member already (nothing changes then). */
	boolean join(UUID user, TenantId tenant, String role) {
		states.invalidate(user);
		return transactions.inTenant(tenant, () -> jdbc.sql("""
				insert into memberships (user_id, tenant_id, role, created_at) values (:user, :tenant, :role, :now)
				on conflict (user_id, tenant_id) do nothing""")
			.param("user", user).param("tenant", tenant.value()).param("role", role)
			.param("now", Timestamp.from(clock.instant()))
			.update() > 0);
	}

	void changeRole(UUID user, TenantId tenant, String role) {
		states.invalidate(user);
		transactions.inTenant(tenant, () -> jdbc
			.sql("update memberships set role = :role where user_id = :user and tenant_id = :tenant")
			.param("role", role).param("user", user).param("tenant", tenant.value())
			.update());
	}

	/** Gives every member of the tenant who holds role {@code from} the role {@code to} (a custom role renamed). */
	int renameRole(TenantId tenant, String from, String to) {
		states.invalidateAll();
		return transactions.inTenant(tenant, () -> jdbc
			.sql("update memberships set role = :to where tenant_id = :tenant and role = :from")
			.param("to", to).param("tenant", tenant.value()).param("from", from)
			.update());
	}

	boolean leave(UUID user, TenantId tenant) {
		states.invalidate(user);
		return transactions.inTenant(tenant, () -> jdbc.sql("delete from memberships where user_id = :user and tenant_id = :tenant")
			.param("user", user).param("tenant", tenant.value())
			.update() > 0);
	}

	int countWithRole(TenantId tenant, String role) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select count(*) from memberships where tenant_id = :tenant and role = :role")
			.param("tenant", tenant.value()).param("role", role)
			.query(Integer.class)
			.single());
	}

	/** How many members of the tenant hold each role. */
	Map<String, Integer> roleCounts(TenantId tenant) {
		Map<String, Integer> counts = new HashMap<>();
		transactions.inTenant(tenant, () -> jdbc.sql("select role, count(*) from memberships where tenant_id = :tenant group by role")
			.param("tenant", tenant.value())
			.query((rs, n) -> counts.put(rs.getString(1), rs.getInt(2)))
			.list());
		return counts;
	}

	/** A member of a tenant: the user (decrypted) and the role they hold there. */
	record Member(User user, String role, Instant joinedAt) {
	}

	List<Member> members(TenantId tenant) {
		return transactions.inTenant(tenant, () -> jdbc.sql("""
				select u.*, m.role, m.created_at as joined_at from memberships m join users u on u.id = m.user_id
				where m.tenant_id = :tenant order by m.created_at, u.id""")
			.param("tenant", tenant.value())
			.query(this::member)
			.list());
	}

	Optional<Member> member(TenantId tenant, UUID user) {
		return transactions.inTenant(tenant, () -> jdbc.sql("""
				select u.*, m.role, m.created_at as joined_at from memberships m join users u on u.id = m.user_id
				where m.tenant_id = :tenant and m.user_id = :user""")
			.param("tenant", tenant.value()).param("user", user)
			.query(this::member)
			.optional());
	}

	/** The tenants a user belongs to, oldest membership first. */
	record Membership(TenantId tenant, String tenantName, String role) {
	}

	List<Membership> memberships(UUID user) {
		return transactions.asSystem("a user sees every tenant they belong to", () -> jdbc.sql("""
				select t.id, t.name, m.role from memberships m join tenants t on t.id = m.tenant_id
				where m.user_id = :user order by m.created_at, t.id""")
			.param("user", user)
			.query((rs, n) -> new Membership(new TenantId(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3)))
			.list());
	}

	/** Logout everywhere: access tokens issued before now stop working. */
	void voidTokens(UUID id) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("update users set tokens_valid_after = :now, updated_at = :now where id = :id")
			.param("now", now).param("id", id)
			.update();
		states.invalidate(id);
	}

	Optional<String> role(UUID user, TenantId tenant) {
		return transactions.inTenant(tenant, () -> jdbc
			.sql("select role from memberships where user_id = :user and tenant_id = :tenant")
			.param("user", user).param("tenant", tenant.value())
			.query(String.class)
			.optional());
	}

	private byte[] emailIndex(String email) {
		return index.digest(EMAIL_SCOPE, BlindIndex.normalizeEmail(email));
	}

	private byte[] encrypt(UUID id, String column, String value) {
		return encryption.encrypt(KeyPurpose.PERSONAL_DATA, context(id, column), value.getBytes(StandardCharsets.UTF_8));
	}

	private @Nullable String decrypt(UUID id, String column, byte @Nullable [] ciphertext) {
		return ciphertext == null ? null : new String(encryption.decrypt(context(id, column), ciphertext), StandardCharsets.UTF_8);
	}

	private static EncryptionContext context(UUID id, String column) {
		return EncryptionContext.of(TenantId.PLATFORM, "users", column, id);
	}

	private Member member(ResultSet rs, int row) throws SQLException {
		return new Member(stored(rs, row).user(), rs.getString("role"), rs.getTimestamp("joined_at").toInstant());
	}

	private Stored stored(ResultSet rs, int row) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		Timestamp disabled = rs.getTimestamp("disabled_at");
		User user = new User(id, decrypt(id, "email", rs.getBytes("email")), decrypt(id, "name", rs.getBytes("name")),
				rs.getBoolean("must_change_password"), rs.getBoolean("platform_admin"),
				disabled == null ? null : disabled.toInstant(), rs.getTimestamp("tokens_valid_after").toInstant(),
				rs.getTimestamp("created_at").toInstant());
		return new Stored(user, rs.getString("password_hash"));
	}
}
