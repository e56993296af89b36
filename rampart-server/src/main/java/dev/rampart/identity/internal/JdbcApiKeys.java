package dev.rampart.identity.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rampart.identity.ApiKeys;
import dev.rampart.identity.IdentityCacheProperties;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ApiKeys} in {@code api_keys}. Authentication looks the row up by prefix, then compares the
 * SHA-256 of the whole key in constant time; {@code last_used_at} is written at most once a minute
 * per key, so a busy key does not cost a write per request. Rows found by prefix are cached like
 * user states ({@link NotifiedCache}): {@link #revoke} forgets the key on this node, and the trigger
 * on {@code api_keys} notifies {@code api_key:<prefix>} to every node, so a revoked key stops at
 * once. Unknown prefixes are never cached.
 */
final class JdbcApiKeys implements ApiKeys {

	private static final Pattern FORMAT = Pattern.compile("^(rpk_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$");
	private static final Pattern PERMISSION = Pattern.compile("^[a-z][a-z-]*:(\\*|[a-z][a-z-]*)$");
	private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
	private static final SecureRandom RANDOM = new SecureRandom();
	private static final String COLUMNS = """
			id, tenant_id, prefix, name, created_by, permissions, expires_at, last_used_at, revoked_at, created_at""";

	static final String TOPIC = "api_key";

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final NotifiedCache<String, Row> rows;

	/** A stored key with the hash it is checked against. */
	private record Row(ApiKey key, byte[] hash) {
	}

	JdbcApiKeys(JdbcClient jdbc, TenantTransactions transactions, Clock clock, IdentityCacheProperties cacheProperties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.rows = new NotifiedCache<>(TOPIC, prefix -> prefix,
				cacheProperties.cachesRows() ? cacheProperties.rows() : 0, cacheProperties.ttl(), clock);
	}

	@Override
	public Created create(TenantId tenant, String createdBy, String name, Set<String> permissions, @Nullable Instant expiresAt) {
		check(name, expiresAt);
		for (String permission : permissions) {
			if (!PERMISSION.matcher(permission).matches()) {
				throw new InvalidFieldsException("permissions", "'" + permission + "' is not of the form resource:action");
			}
		}
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String prefix = "rpk_" + HexFormat.of().formatHex(random, 0, 4);
		RANDOM.nextBytes(random);
		SecretValue secret = SecretValue.of(prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
		Arrays.fill(random, (byte) 0);
		UUID id = UuidV7.next(clock);
		ApiKey created = transactions.inTenant(tenant, () -> {
			insert(id, tenant, prefix, secret, name, createdBy, permissions, expiresAt);
			return find(tenant, id).orElseThrow();
		});
		return new Created(created, secret);
	}

	private void insert(UUID id, TenantId tenant, String prefix, SecretValue secret, String name, String createdBy,
			Set<String> permissions, @Nullable Instant expiresAt) {
		jdbc.sql("""
				insert into api_keys (id, tenant_id, prefix, secret_hash, name, created_by, permissions, expires_at, created_at)
				values (:id, :tenant, :prefix, :hash, :name, :createdBy, :permissions, :expires, :now)""")
			.param("id", id).param("tenant", tenant.value()).param("prefix", prefix).param("hash", JdbcRefreshTokens.hash(secret))
			.param("name", name.strip()).param("createdBy", createdBy)
			.param("permissions", permissions.stream().sorted().toArray(String[]::new))
			.param("expires", expiresAt == null ? null : Timestamp.from(expiresAt))
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	/** The rules for a key's name and expiry; @throws InvalidFieldsException naming each broken one */
	void check(String name, @Nullable Instant expiresAt) {
		List<FieldProblem> problems = new ArrayList<>();
		if (name.isBlank() || name.strip().length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
			problems.add(new FieldProblem("name", "must be 1 to 100 characters without control characters"));
		}
		if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
			problems.add(new FieldProblem("expiresAt", "must be in the future"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
	}

	@Override
	public Optional<ApiKey> authenticate(SecretValue presented) {
		String value = presented.reveal();
		Matcher format = FORMAT.matcher(value);
		if (!format.matches()) {
			return Optional.empty();
		}
		Optional<Row> row = Optional.ofNullable(rows.get(format.group(1), this::row));
		Instant now = clock.instant();
		if (row.isEmpty() || !MessageDigest.isEqual(row.get().hash(), JdbcRefreshTokens.hash(presented))) {
			return Optional.empty();
		}
		ApiKey key = row.get().key();
		if (key.revokedAt() != null || (key.expiresAt() != null && !now.isBefore(key.expiresAt()))) {
			return Optional.empty();
		}
		if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(LAST_USED_PRECISION))) {
			transactions.inTenant(key.tenant(), () -> jdbc.sql("update api_keys set last_used_at = :now where id = :id")
				.param("now", Timestamp.from(now)).param("id", key.id()).update());
			rows.invalidate(key.prefix());
		}
		return Optional.of(key);
	}

	@Override
	public List<ApiKey> list(TenantId tenant) {
		return transactions.inTenant(tenant, () -> jdbc
			.sql("select " + COLUMNS + " from api_keys where tenant_id = :tenant order by created_at desc")
			.param("tenant", tenant.value())
			.query(JdbcApiKeys::key)
			.list());
	}

	@Override
	public boolean revoke(TenantId tenant, UUID id) {
		Optional<String> prefix = transactions.inTenant(tenant, () -> jdbc.sql("""
				update api_keys set revoked_at = coalesce(revoked_at, :now) where tenant_id = :tenant and id = :id
				returning prefix""")
			.param("now", Timestamp.from(clock.instant())).param("tenant", tenant.value()).param("id", id)
			.query(String.class)
			.optional());
		prefix.ifPresent(rows::invalidate);
		return prefix.isPresent();
	}

	NotifiedCache<String, ?> cache() {
		return rows;
	}

	private @Nullable Row row(String prefix) {
		return transactions.asSystem("an API key is found by its prefix before its tenant is known",
				() -> jdbc.sql("select " + COLUMNS + ", secret_hash from api_keys where prefix = :prefix")
					.param("prefix", prefix)
					.query((rs, n) -> new Row(key(rs, n), rs.getBytes("secret_hash")))
					.optional()
					.orElse(null));
	}

	Optional<ApiKey> find(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select " + COLUMNS + " from api_keys where tenant_id = :tenant and id = :id")
			.param("tenant", tenant.value()).param("id", id)
			.query(JdbcApiKeys::key)
			.optional());
	}

	private static ApiKey key(ResultSet rs, int row) throws SQLException {
		Array permissions = rs.getArray("permissions");
		return new ApiKey(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getString("prefix"), rs.getString("name"), rs.getString("created_by"),
				new LinkedHashSet<>(Arrays.asList((String[]) permissions.getArray())), instant(rs, "expires_at"),
				instant(rs, "last_used_at"), instant(rs, "revoked_at"), rs.getTimestamp("created_at").toInstant());
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}
}
