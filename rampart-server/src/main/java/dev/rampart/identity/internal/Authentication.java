package dev.rampart.identity.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rampart.identity.AccessClaims;
import dev.rampart.identity.AccessTokens;
import dev.rampart.identity.ApiKeys;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.InvalidTokenException;
import dev.rampart.identity.Passwords;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.RefreshTokens;
import dev.rampart.identity.TokenProperties;
import dev.rampart.secrets.BlindIndex;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Sign-in, refresh and sign-out. An unknown address and a wrong password take the same time (a
 * dummy Argon2id verification), give the same answer and count against the same throttle, so the
 * API does not reveal which addresses have accounts. Every outcome is audited.
 */
public final class Authentication {

	private static final String API_KEY = "API key";

	private final JdbcUsers users;
	private final UserStateCache userStates;
	private final JdbcTenants tenants;
	private final Passwords passwords;
	private final AccessTokens accessTokens;
	private final RefreshTokens refreshTokens;
	private final LoginThrottle throttle;
	private final AuditLog audit;
	private final TokenProperties tokenProperties;

	/**
	 * What a successful sign-in or refresh returns, in the shape of ARCHITECTURE.md §11, plus
	 * {@code passwordChangeRequired: true} (only then) when the user must change their password first.
	 */
	public record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn,
			@JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean passwordChangeRequired) {

		@Override
		public String toString() {
			return "Tokens[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
		}
	}

	Authentication(JdbcUsers users, UserStateCache userStates, JdbcTenants tenants, Passwords passwords,
			AccessTokens accessTokens, RefreshTokens refreshTokens, LoginThrottle throttle, AuditLog audit,
			TokenProperties tokenProperties) {
		this.users = users;
		this.userStates = userStates;
		this.tenants = tenants;
		this.passwords = passwords;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.throttle = throttle;
		this.audit = audit;
		this.tokenProperties = tokenProperties;
	}

	public Tokens login(String email, SecretValue password, @Nullable String tenantName, String address) {
		String account = BlindIndex.normalizeEmail(email);
		throttle.retryAfter(account, address).ifPresent(wait -> {
			throw new RampartException(ErrorCode.LOGIN_THROTTLED, "Sign-in for this account or address is paused.", wait,
					null);
		});
		Optional<JdbcUsers.Stored> stored = users.findByEmail(email);
		boolean valid = stored.isPresent() ? passwords.matches(password, stored.get().passwordHash())
				: passwords.dummyMatch(password);
		if (!valid || stored.isEmpty() || stored.get().user().disabled()) {
			throttle.failed(account, address);
			audit.record(new AuditEntry(TenantId.PLATFORM, "anonymous", address, "auth.login.failed", "user",
					stored.map(s -> s.user().id().toString()).orElse(null), AuditEntry.FAILED, Map.of()));
			throw new RampartException(ErrorCode.INVALID_CREDENTIALS, "Sign-in failed.");
		}
		throttle.succeeded(account);
		UUID user = stored.get().user().id();
		if (passwords.needsRehash(stored.get().passwordHash())) {
			users.changePasswordHashOnly(user, passwords.hash(password));
		}
		TenantId tenant = tenantOf(user, tenantName);
		audit.record(new AuditEntry(tenant, user.toString(), address, "auth.login.succeeded", "user", user.toString(),
				AuditEntry.SUCCEEDED, Map.of()));
		return issue(user, tenant, refreshTokens.start(user, tenant).token(), stored.get().user().mustChangePassword());
	}

	public Tokens refresh(SecretValue refreshToken) {
		RefreshTokens.Rotated rotated = refreshTokens.rotate(refreshToken);
		UserStateCache.UserState state = userStates.get(rotated.user()).orElse(null);
		if (state == null || state.disabledAt() != null || state.role(rotated.tenant()).isEmpty()) {
			refreshTokens.revokeFamily(rotated.next().token(), "account or membership gone");
			throw new InvalidTokenException("user disabled, deleted or no longer a member", false, "refresh token");
		}
		return issue(rotated.user(), rotated.tenant(), rotated.next().token(), state.mustChangePassword());
	}

	/**
	 * Tokens for another tenant of the signed-in user (never an API key). The new refresh token
	 * starts a family of its own; the old session stays as it is.
	 */
	public Tokens switchTenant(RampartPrincipal principal, String tenantName, String address) {
		if (principal.kind() != RampartPrincipal.Kind.USER) {
			throw new InvalidTokenException("an API key cannot switch tenant", false);
		}
		UUID user = UUID.fromString(principal.subject());
		TenantId tenant = tenantOf(user, tenantName);
		audit.record(new AuditEntry(tenant, user.toString(), address, "auth.tenant.switched", "user", user.toString(),
				AuditEntry.SUCCEEDED, Map.of()));
		return issue(user, tenant, refreshTokens.start(user, tenant).token(), principal.mustChangePassword());
	}

	/** A new session (a new refresh-token family) for a user who just proved who they are again, e.g. by changing their password. */
	Tokens newSession(UUID user, TenantId tenant, boolean mustChangePassword) {
		return issue(user, tenant, refreshTokens.start(user, tenant).token(), mustChangePassword);
	}

	/**
	 * The user an access token speaks for, refusing tokens issued before the user's
	 * {@code tokens_valid_after} (password change, logout everywhere), disabled users and users no
	 * longer a member of the token's tenant. Both halves are cached (verified tokens until they
	 * expire, user states until they change), so a repeated token costs neither a signature check nor
	 * a query; the caches are kept coherent as {@link UserStateCache} describes.
	 */
	public RampartPrincipal principal(String accessToken) {
		AccessClaims claims = accessTokens.verify(accessToken);
		UUID user;
		try {
			user = UUID.fromString(claims.subject());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTokenException("subject is not a user", false);
		}
		UserStateCache.UserState state = userStates.get(user).orElseThrow(() -> new InvalidTokenException("user gone", false));
		if (!state.accepts(claims)) {
			throw new InvalidTokenException("issued before tokens_valid_after or user disabled", false);
		}
		String role = state.role(claims.tenant())
			.orElseThrow(() -> new InvalidTokenException("no longer a member of the token's tenant", false));
		return RampartPrincipal.user(user.toString(), claims.tenant(), role, state.platformAdmin(), state.mustChangePassword());
	}

	/**
	 * The principal of a live API key: it acts with its own permissions, bounded by the current role
	 * of the user who created it. A key whose creator is disabled or no longer a member of the key's
	 * tenant does not authenticate.
	 */
	public RampartPrincipal principal(ApiKeys.ApiKey key) {
		UUID creator;
		try {
			creator = UUID.fromString(key.createdBy());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTokenException("API key without a user as creator", false, API_KEY);
		}
		String role = userStates.get(creator)
			.filter(state -> state.disabledAt() == null)
			.flatMap(state -> state.role(key.tenant()))
			.orElseThrow(() -> new InvalidTokenException("the API key's creator is disabled or no longer a member", false,
					API_KEY));
		return RampartPrincipal.apiKey(key.id().toString(), key.tenant(), role, key.permissions());
	}

	public void logout(SecretValue refreshToken) {
		refreshTokens.revokeFamily(refreshToken, "logout");
	}

	private TenantId tenantOf(UUID user, @Nullable String tenantName) {
		if (tenantName == null || tenantName.isBlank()) {
			return users.firstTenant(user)
				.orElseThrow(() -> new RampartException(ErrorCode.NOT_A_MEMBER, "The account belongs to no tenant."));
		}
		return tenants.findByName(tenantName.strip())
			.filter(tenant -> users.role(user, tenant).isPresent())
			.orElseThrow(() -> new RampartException(ErrorCode.NOT_A_MEMBER, "No membership in the requested tenant."));
	}

	private Tokens issue(UUID user, TenantId tenant, SecretValue refreshToken, boolean mustChangePassword) {
		AccessTokens.Issued access = accessTokens.issue(user.toString(), tenant);
		try (refreshToken) {
			Duration ttl = tokenProperties.accessTokenTtl();
			return new Tokens(access.token(), refreshToken.reveal(), "Bearer", ttl.toSeconds(), mustChangePassword);
		}
	}
}
