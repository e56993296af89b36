package dev.rampart.identity.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.rampart.MovableClock;
import dev.rampart.ServerTest;
import dev.rampart.identity.InvalidTokenException;
import dev.rampart.identity.RefreshTokenProperties;
import dev.rampart.identity.RefreshTokenReused;
import dev.rampart.identity.RefreshTokens.Issued;
import dev.rampart.identity.RefreshTokens;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The refresh-token revocation cases of Keycloak's test suite, against real PostgreSQL and a clock the test moves. */
@ServerTest
class RefreshTokensIT {

	private static final TenantId TENANT = TenantId.of("0190a000-0000-7000-8000-0000000000f1");

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final List<Object> events = new ArrayList<>();
	private MovableClock clock;
	private RefreshTokens tokens;
	private UUID user;

	@Autowired
	RefreshTokensIT(JdbcClient jdbc, TenantTransactions transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@BeforeEach
	void tokens() {
		clock = new MovableClock(Instant.parse("2026-11-24T12:00:00Z"));
		tokens = new JdbcRefreshTokens(jdbc, new RefreshTokenProperties(Duration.ofDays(7), Duration.ofDays(30), Duration.ZERO),
				clock, transactions, events::add);
		user = UUID.randomUUID();
	}

	@Test
	void aRotationUsesUpTheTokenAndReturnsAWorkingChild() {
		Issued login = tokens.start(user, TENANT);

		RefreshTokens.Rotated rotated = tokens.rotate(login.token());

		assertThat(rotated.user()).isEqualTo(user);
		assertThat(rotated.tenant()).isEqualTo(TENANT);
		assertThat(rotated.next().family()).isEqualTo(login.family());
		assertThat(rotated.next().token().reveal()).startsWith("rt_").isNotEqualTo(login.token().reveal());
		assertThat(tokens.rotate(rotated.next().token()).user()).isEqualTo(user);
	}

	@Test
	void reusingARefreshTokenRevokesTheWholeFamilyIncludingNewerTokens() {
		Issued login = tokens.start(user, TENANT);
		Issued second = tokens.rotate(login.token()).next();
		Issued third = tokens.rotate(second.token()).next();

		assertThatThrownBy(() -> tokens.rotate(login.token())).isInstanceOfSatisfying(RampartException.class,
				e -> assertThat(e.code()).isEqualTo(ErrorCode.REFRESH_TOKEN_REUSED));

		assertRejected(third.token(), "refresh token family revoked");
		assertThat(events).containsExactly(new RefreshTokenReused(TENANT, user, login.family()));
	}

	@Test
	void separateLoginsAreSeparateFamilies() {
		Issued laptop = tokens.start(user, TENANT);
		Issued phone = tokens.start(user, TENANT);
		tokens.rotate(laptop.token());

		assertThatThrownBy(() -> tokens.rotate(laptop.token())).isInstanceOf(RampartException.class);

		assertThat(tokens.rotate(phone.token()).next().family()).isEqualTo(phone.family()).isNotEqualTo(laptop.family());
	}

	@Test
	void loggingInAgainDoesNotReviveRevokedTokens() {
		Issued first = tokens.start(user, TENANT);
		Issued child = tokens.rotate(first.token()).next();
		assertThatThrownBy(() -> tokens.rotate(first.token())).isInstanceOf(RampartException.class);

		Issued again = tokens.start(user, TENANT);

		assertRejected(child.token(), "refresh token family revoked");
		assertThat(tokens.rotate(again.token()).user()).isEqualTo(user);
	}

	@Test
	void fiveConcurrentRefreshesOfOneTokenHaveExactlyOneWinner() throws Exception {
		Issued login = tokens.start(user, TENANT);
		String token = login.token().reveal();
		CountDownLatch start = new CountDownLatch(1);
		List<Callable<Boolean>> attempts = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			attempts.add(() -> {
				start.await();
				try {
					tokens.rotate(SecretValue.of(token));
					return true;
				}
				catch (RampartException refused) {
					return false;
				}
			});
		}
		List<Future<Boolean>> results;
		try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
			List<Future<Boolean>> submitted = new ArrayList<>();
			for (Callable<Boolean> attempt : attempts) {
				submitted.add(pool.submit(attempt));
			}
			start.countDown();
			results = submitted;
		}

		long winners = 0;
		for (Future<Boolean> result : results) {
			winners += result.get() ? 1 : 0;
		}
		assertThat(winners).isEqualTo(1);
	}

	@Test
	void aTokenExpiresWhenIdleAndNoFamilyOutlivesItsAbsoluteLifetime() {
		Issued login = tokens.start(user, TENANT);
		clock.advance(Duration.ofDays(6));
		Issued kept = tokens.rotate(login.token()).next();
		clock.advance(Duration.ofDays(6));
		Issued stillKept = tokens.rotate(kept.token()).next();

		clock.advance(Duration.ofDays(7).plusSeconds(1));
		assertRejectedAsExpired(stillKept.token());

		Issued fresh = tokens.start(user, TENANT);
		Issued last = fresh;
		for (int i = 0; i < 4; i++) {
			clock.advance(Duration.ofDays(6));
			last = tokens.rotate(last.token()).next();
		}
		clock.advance(Duration.ofDays(5));
		last = tokens.rotate(last.token()).next();
		assertThat(last.idleExpiresAt()).isEqualTo(last.absoluteExpiresAt()).isEqualTo(fresh.absoluteExpiresAt());

		clock.advance(Duration.ofDays(1));
		assertRejectedAsExpired(last.token());
	}

	@Test
	void logoutRevokesTheFamilyAndPasswordChangeRevokesEveryFamilyOfTheUser() {
		Issued laptop = tokens.start(user, TENANT);
		Issued phone = tokens.start(user, TENANT);
		Issued tablet = tokens.start(user, TENANT);
		Issued otherUser = tokens.start(UUID.randomUUID(), TENANT);

		assertThat(tokens.revokeFamily(laptop.token(), "logout")).isTrue();
		assertRejected(laptop.token(), "refresh token family revoked");
		assertThat(tokens.rotate(phone.token()).user()).isEqualTo(user);

		assertThat(tokens.revokeAll(user, "password changed")).isEqualTo(2);
		assertRejected(tablet.token(), "refresh token family revoked");
		assertThat(tokens.rotate(otherUser.token()).tenant()).isEqualTo(TENANT);
		assertThat(tokens.revokeFamily(SecretValue.of("rt_unknown"), "logout")).isFalse();
	}

	@Test
	void tokensAreStoredOnlyAsHashes() {
		Issued login = tokens.start(user, TENANT);
		String value = login.token().reveal();

		long inClear = jdbc.sql("select count(*) from refresh_tokens where position(convert_to(:v, 'UTF8') in token_hash) > 0")
			.param("v", value).query(Long.class).single();

		assertThat(inClear).isZero();
		assertThat(jdbc.sql("select token_hash from refresh_tokens where family_id = :f").param("f", login.family())
			.query(byte[].class).single()).isEqualTo(JdbcRefreshTokens.hash(SecretValue.of(value)));
		assertThat(value.getBytes(StandardCharsets.US_ASCII)).hasSize(3 + 43);
	}

	@Test
	void anUnknownTokenIsInvalidWithoutRevokingAnything() {
		Issued login = tokens.start(user, TENANT);

		assertRejected(SecretValue.of("rt_" + "A".repeat(43)), "unknown refresh token");

		assertThat(tokens.rotate(login.token()).user()).isEqualTo(user);
	}

	@Test
	void aGraceWindowTreatsAnImmediateRetryAsARetryNotAsReuse() {
		RefreshTokens lenient = new JdbcRefreshTokens(jdbc,
				new RefreshTokenProperties(Duration.ofDays(7), Duration.ofDays(30), Duration.ofSeconds(5)), clock, transactions,
				events::add);
		Issued login = lenient.start(user, TENANT);
		Issued next = lenient.rotate(login.token()).next();

		assertRejected(lenient, login.token(), "refresh token used moments ago (within the reuse grace)");
		assertThat(lenient.rotate(next.token()).user()).isEqualTo(user);

		clock.advance(Duration.ofSeconds(6));
		assertThatThrownBy(() -> lenient.rotate(login.token())).isInstanceOfSatisfying(RampartException.class,
				e -> assertThat(e.code()).isEqualTo(ErrorCode.REFRESH_TOKEN_REUSED));
	}

	private void assertRejected(SecretValue token, String reason) {
		assertRejected(tokens, token, reason);
	}

	private static void assertRejected(RefreshTokens from, SecretValue token, String reason) {
		assertThatThrownBy(() -> from.rotate(token)).isInstanceOfSatisfying(InvalidTokenException.class, e -> {
			assertThat(e.reason()).isEqualTo(reason);
			assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_INVALID);
		});
	}

	private void assertRejectedAsExpired(SecretValue token) {
		assertThatThrownBy(() -> tokens.rotate(token)).isInstanceOfSatisfying(InvalidTokenException.class,
				e -> assertThat(e.technicalDetails()).isEqualTo("The refresh token has expired."));
	}
}
