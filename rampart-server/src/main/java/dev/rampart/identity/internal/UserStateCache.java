package dev.rampart.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.identity.AccessClaims;
import dev.rampart.identity.IdentityCacheProperties;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What each request needs to know about the user behind an access token: disabled or not, since
 * when their tokens are valid, and their role per tenant. Read without the personal data (no
 * decryption) and cached per user.
 *
 * <p><b>Every code path that changes these columns or memberships must call {@link #invalidate}
 * after its write</b> (all {@link JdbcUsers} mutators do), so the change holds on this node for the
 * very next request. Other nodes learn of it from the triggers on {@code users} and
 * {@code memberships}, which notify {@code user:<id>} in the changing transaction; a column added to
 * {@link UserState} must be added to the trigger {@code users_access_changed} too.
 */
final class UserStateCache {

	static final String TOPIC = "user";

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final NotifiedCache<UUID, UserState> cache;

	/** A user's access state; {@code roles} maps each tenant the user belongs to to their role there. */
	record UserState(@Nullable Instant disabledAt, Instant tokensValidAfter, boolean platformAdmin, boolean mustChangePassword,
			Map<TenantId, String> roles) {

		UserState {
			roles = Map.copyOf(roles);
		}

		/**
		 * Whether an access token with these claims still speaks for this user: not disabled, issued
		 * no earlier than {@code tokensValidAfter}. JWT times have whole seconds, so a token issued in
		 * the same second as the change still passes.
		 */
		boolean accepts(AccessClaims claims) {
			return disabledAt == null && !claims.issuedAt().isBefore(tokensValidAfter.truncatedTo(ChronoUnit.SECONDS));
		}

		Optional<String> role(TenantId tenant) {
			return Optional.ofNullable(roles.get(tenant));
		}
	}

	UserStateCache(JdbcClient jdbc, TenantTransactions transactions, IdentityCacheProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.cache = new NotifiedCache<>(TOPIC, UUID::fromString, properties.cachesRows() ? properties.rows() : 0,
				properties.ttl(), clock);
	}

	/** Empty when there is no such user. */
	Optional<UserState> get(UUID user) {
		return Optional.ofNullable(cache.get(user, this::load));
	}

	/** The one call a change of a user's access must make, after writing; safe inside a transaction. */
	void invalidate(UUID user) {
		cache.invalidate(user);
	}

	/** After a change that touches many users at once (a custom role renamed). */
	void invalidateAll() {
		cache.invalidateAll();
	}

	NotifiedCache<UUID, UserState> cache() {
		return cache;
	}

	private @Nullable UserState load(UUID user) {
		record Row(@Nullable Timestamp disabledAt, Timestamp tokensValidAfter, boolean platformAdmin, boolean mustChangePassword,
				@Nullable UUID tenant, @Nullable String role) {
		}
		List<Row> rows = transactions.asSystem("a user's access state holds their role in every tenant", () -> jdbc.sql("""
				select u.disabled_at, u.tokens_valid_after, u.platform_admin, u.must_change_password, m.tenant_id, m.role
				from users u left join memberships m on m.user_id = u.id where u.id = :id""")
			.param("id", user)
			.query((rs, n) -> new Row(rs.getTimestamp(1), rs.getTimestamp(2), rs.getBoolean(3), rs.getBoolean(4),
					rs.getObject(5, UUID.class), rs.getString(6)))
			.list());
		if (rows.isEmpty()) {
			return null;
		}
		Map<TenantId, String> roles = new HashMap<>();
		for (Row row : rows) {
			if (row.tenant() != null && row.role() != null) {
				roles.put(new TenantId(row.tenant()), row.role());
			}
		}
		Row first = rows.getFirst();
		return new UserState(first.disabledAt() == null ? null : first.disabledAt().toInstant(),
				first.tokensValidAfter().toInstant(), first.platformAdmin(), first.mustChangePassword(), roles);
	}
}
