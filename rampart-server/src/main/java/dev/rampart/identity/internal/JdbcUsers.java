package dev.rampart.identity.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.identity.User;
import dev.rampart.secrets.BlindIndex;
import dev.rampart.secrets.EncryptionContext;
import dev.rampart.secrets.EnvelopeEncryption;
import dev.rampart.secrets.KeyPurpose;
import dev.rampart.shared.TenantId;
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
	private final EnvelopeEncryption encryption;
	private final BlindIndex index;
	private final Clock clock;
	private final UserStateCache states;

	/** A stored user with the password hash, which never leaves the identity module. */
	record Stored(User user, String passwordHash) {
	}

	JdbcUsers(JdbcClient jdbc, EnvelopeEncryption encryption, BlindIndex index, Clock clock, UserStateCache states) {
		this.jdbc = jdbc;
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
		return jdbc.sql("select tenant_id from memberships where user_id = :user order by created_at, tenant_id limit 1")
			.param("user", user)
			.query((rs, n) -> new TenantId(rs.getObject(1, UUID.class)))
			.optional();
	}

	void addMembership(UUID user, TenantId tenant, String role) {
		jdbc.sql("""
				insert into memberships (user_id, tenant_id, role, created_at) values (:user, :tenant, :role, :now)
				on conflict (user_id, tenant_id) do update set role = excluded.role""")
			.param("user", user).param("tenant", tenant.value()).param("role", role)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		states.invalidate(user);
	}

	Optional<String> role(UUID user, TenantId tenant) {
		return jdbc.sql("select role from memberships where user_id = :user and tenant_id = :tenant")
			.param("user", user).param("tenant", tenant.value())
			.query(String.class)
			.optional();
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
