package dev.rampart.identity.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import dev.rampart.HttpProbe.Reply;
import dev.rampart.HttpProbe;
import dev.rampart.FrozenClock;
import dev.rampart.MovableClock;
import dev.rampart.ServerTest;
import dev.rampart.identity.ApiKeys;
import dev.rampart.identity.IdentityCacheProperties;
import dev.rampart.identity.Passwords;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.DirectConnections;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The request path's caches never outlive a change of access: on this node the writing code path
 * forgets the user at once; another node (here a second cache and listener on the same database,
 * driven round by round) forgets it when PostgreSQL delivers the trigger's notification; and a node
 * whose listener is disconnected caches nothing until it listens again. The server runs on a clock
 * the tests move, because a token issued in the same second as a password change still passes.
 */
@ServerTest
@Import(FrozenClock.class)
class IdentityCachesIT {

	/** The defaults of {@code rampart.identity.cache}, for caches the tests build themselves. */
	static final IdentityCacheProperties CACHES = new IdentityCacheProperties(10_000, 10_000, Duration.ofMinutes(1),
			Duration.ofSeconds(5), Duration.ofSeconds(30));

	private static final String PASSWORD = "quiet-harbour-lantern-97-x";

	@LocalServerPort
	int port;

	private final JdbcUsers users;
	private final UserStateCache states;
	private final IdentityChangeListener listener;
	private final ApiKeys apiKeys;
	private final Passwords passwords;
	private final DirectConnections connections;
	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final MovableClock clock;
	private final AtomicBoolean reachable = new AtomicBoolean(true);
	private final AtomicReference<Connection> lastOpened = new AtomicReference<>();
	private UserStateCache otherNode;
	private JdbcApiKeys otherNodeKeys;
	private IdentityChangeListener otherListener;

	@Autowired
	IdentityCachesIT(JdbcUsers users, UserStateCache states, IdentityChangeListener listener, ApiKeys apiKeys,
			Passwords passwords, DirectConnections connections, JdbcClient jdbc, TenantTransactions transactions,
			MovableClock clock) {
		this.users = users;
		this.states = states;
		this.listener = listener;
		this.apiKeys = apiKeys;
		this.passwords = passwords;
		this.connections = connections;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	@BeforeEach
	void secondNode() {
		// This node's listener connects in the background at start-up; until then nothing is cached.
		await().atMost(Duration.ofSeconds(30)).until(listener::connected);
		otherNode = new UserStateCache(jdbc, transactions, CACHES, clock);
		otherNodeKeys = new JdbcApiKeys(jdbc, transactions, clock, CACHES);
		DirectConnections switchable = () -> {
			if (!reachable.get()) {
				throw new SQLException("database unreachable (test)");
			}
			Connection opened = connections.open();
			lastOpened.set(opened);
			return opened;
		};
		otherListener = new IdentityChangeListener(switchable, List.of(otherNode.cache(), otherNodeKeys.cache()),
				Duration.ofSeconds(2), Duration.ofSeconds(1));
	}

	@AfterEach
	void stopSecondNode() {
		otherListener.disconnect();
	}

	@Test
	void aPasswordChangeRefusesTheOldAccessTokenOnTheVeryNextRequest() {
		User user = newUser("developer");
		HttpProbe signedIn = HttpProbe.signedIn(port, user.email(), PASSWORD);
		assertThat(signedIn.get("/api/v1/credentials").status()).isEqualTo(200);
		assertThat(states.cache().holds(user.id())).isTrue();

		clock.advance(Duration.ofSeconds(1));
		users.changePassword(user.id(), passwords.hash(SecretValue.of(PASSWORD + "-new")), false);

		Reply refused = signedIn.get("/api/v1/credentials");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.json().get("code").asString()).isEqualTo("TOKEN_INVALID");
	}

	@Test
	void aRoleChangeTakesEffectOnTheVeryNextRequest() {
		User user = newUser("developer");
		HttpProbe signedIn = HttpProbe.signedIn(port, user.email(), PASSWORD);
		assertThat(signedIn.get("/api/v1/credentials").status()).isEqualTo(200);

		users.addMembership(user.id(), TenantId.DEFAULT, "viewer");

		Reply denied = signedIn.get("/api/v1/credentials");
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.json().get("code").asString()).isEqualTo("PERMISSION_DENIED");
	}

	@Test
	void anotherNodeForgetsAChangeWhenPostgresDeliversItsNotification() {
		User user = newUser("developer");
		assertThat(otherListener.poll()).isTrue();
		Instant before = otherNode.get(user.id()).orElseThrow().tokensValidAfter();
		assertThat(otherNode.cache().holds(user.id())).isTrue();

		clock.advance(Duration.ofSeconds(1));
		users.changePassword(user.id(), "another-hash", false);
		assertThat(otherNode.get(user.id()).orElseThrow().tokensValidAfter()).as("not delivered yet").isEqualTo(before);

		pollOtherNodeUntil(() -> !otherNode.cache().holds(user.id()));
		assertThat(otherNode.get(user.id()).orElseThrow().tokensValidAfter()).isEqualTo(clock.instant());

		users.addMembership(user.id(), TenantId.DEFAULT, "viewer");
		pollOtherNodeUntil(() -> !otherNode.cache().holds(user.id()));
		assertThat(otherNode.get(user.id()).orElseThrow().role(TenantId.DEFAULT)).contains("viewer");

		jdbc.sql("select pg_notify('rampart_identity', :payload)").param("payload", "user:" + user.id()).query().singleRow();
		pollOtherNodeUntil(() -> !otherNode.cache().holds(user.id()));
	}

	@Test
	void anotherNodeStopsAcceptingARevokedApiKey() {
		ApiKeys.Created key = apiKeys.create(TenantId.DEFAULT, "test", "ci", Set.of("credential:read"), null);
		assertThat(otherListener.poll()).isTrue();
		assertThat(otherNodeKeys.authenticate(key.secret())).as("first use, last_used_at written").isPresent();
		assertThat(otherNodeKeys.authenticate(key.secret())).isPresent();
		assertThat(otherNodeKeys.cache().holds(key.key().prefix())).isTrue();

		apiKeys.revoke(TenantId.DEFAULT, key.key().id());

		pollOtherNodeUntil(() -> !otherNodeKeys.cache().holds(key.key().prefix()));
		assertThat(otherNodeKeys.authenticate(key.secret())).isEmpty();
	}

	@Test
	void whileItsListenerIsDisconnectedANodeCachesNothingAndReadsEveryChange() throws SQLException {
		User user = newUser("developer");
		assertThat(otherListener.poll()).isTrue();
		otherNode.get(user.id());
		assertThat(otherNode.cache().holds(user.id())).isTrue();

		int backend = lastOpened.get().unwrap(PGConnection.class).getBackendPID();
		reachable.set(false);
		jdbc.sql("select pg_terminate_backend(:pid, 10000)").param("pid", backend).query().singleRow();
		assertThat(otherListener.poll()).isFalse();

		assertThat(otherNode.cache().caching()).isFalse();
		assertThat(otherNode.cache().holds(user.id())).isFalse();
		clock.advance(Duration.ofSeconds(1));
		users.changePassword(user.id(), "changed-while-not-listening", false);
		assertThat(otherNode.get(user.id()).orElseThrow().tokensValidAfter()).isEqualTo(clock.instant());
		assertThat(otherNode.cache().holds(user.id())).isFalse();
		assertThat(otherListener.poll()).as("still unreachable").isFalse();
		assertThat(otherNode.cache().caching()).isFalse();

		reachable.set(true);
		assertThat(otherListener.poll()).isTrue();
		assertThat(otherNode.cache().caching()).isTrue();
		assertThat(otherNode.get(user.id()).orElseThrow().tokensValidAfter()).isEqualTo(clock.instant());
		assertThat(otherNode.cache().holds(user.id())).isTrue();
	}

	private record User(UUID id, String email) {
	}

	private User newUser(String role) {
		String email = "cached-" + UUID.randomUUID() + "@example.org";
		UUID id = users.create(email, null, passwords.hash(SecretValue.of(PASSWORD)), false, false).id();
		users.addMembership(id, TenantId.DEFAULT, role);
		return new User(id, email);
	}

	/** Rounds of the other node's listener until the condition holds; each round waits at most one heartbeat. */
	private void pollOtherNodeUntil(BooleanSupplier condition) {
		for (int round = 0; round < 10 && !condition.getAsBoolean(); round++) {
			assertThat(otherListener.poll()).isTrue();
		}
		assertThat(condition.getAsBoolean()).as("after the notification was delivered").isTrue();
	}
}
