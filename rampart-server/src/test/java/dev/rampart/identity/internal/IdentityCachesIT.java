package dev.rampart.identity.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

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
import dev.rampart.shared.NotifyChannels;
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
 * forgets the user at once; another node (here a second cache, listener and {@link NotifyChannels} on
 * the same database) forgets it when PostgreSQL delivers the trigger's notification; and a node whose
 * listening connection is lost caches nothing until it listens again. The server runs on a clock the
 * tests move, because a token issued in the same second as a password change still passes.
 */
@ServerTest
@Import(FrozenClock.class)
class IdentityCachesIT {

	/** The defaults of {@code rampart.identity.cache}, for caches the tests build themselves. */
	static final IdentityCacheProperties CACHES = new IdentityCacheProperties(10_000, 10_000, Duration.ofMinutes(1),
			Duration.ofSeconds(5), Duration.ofSeconds(30));

	private static final String PASSWORD = "quiet-harbour-lantern-97-x";
	private static final String BARRIER = "identity_caches_it_barrier";
	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	private final JdbcUsers users;
	private final UserStateCache states;
	private final IdentityChangeListener listener;
	private final ApiKeys apiKeys;
	private final Passwords passwords;
	private final DirectConnections connections;
	private final DataSource dataSource;
	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final MovableClock clock;
	private final AtomicBoolean reachable = new AtomicBoolean(true);
	private final AtomicInteger refused = new AtomicInteger();
	private final AtomicReference<Connection> lastOpened = new AtomicReference<>();
	private final List<String> barriers = new CopyOnWriteArrayList<>();
	private final AtomicBoolean barrierListening = new AtomicBoolean();
	private UserStateCache otherNode;
	private JdbcApiKeys otherNodeKeys;
	private NotifyChannels otherChannels;
	private IdentityChangeListener otherListener;
	private NotifyChannels.Subscription barrier;

	@Autowired
	IdentityCachesIT(JdbcUsers users, UserStateCache states, IdentityChangeListener listener, ApiKeys apiKeys,
			Passwords passwords, DirectConnections connections, DataSource dataSource, JdbcClient jdbc,
			TenantTransactions transactions, MovableClock clock) {
		this.users = users;
		this.states = states;
		this.listener = listener;
		this.apiKeys = apiKeys;
		this.passwords = passwords;
		this.connections = connections;
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	@BeforeEach
	void secondNode() {
		// This node's listener is listened to in the background at start-up; until then nothing is cached.
		await().atMost(WAIT).until(listener::connected);
		otherNode = new UserStateCache(jdbc, transactions, CACHES, clock);
		otherNodeKeys = new JdbcApiKeys(jdbc, transactions, clock, CACHES);
		DirectConnections switchable = () -> {
			if (!reachable.get()) {
				refused.incrementAndGet();
				throw new SQLException("database unreachable (test)");
			}
			Connection opened = connections.open();
			lastOpened.set(opened);
			return opened;
		};
		otherChannels = new NotifyChannels(dataSource, switchable);
		otherListener = new IdentityChangeListener(otherChannels, List.of(otherNode.cache(), otherNodeKeys.cache()),
				Duration.ofSeconds(2), Duration.ofSeconds(1));
		barrier = otherChannels.subscribe(BARRIER, barriers::add, () -> barrierListening.set(true));
		otherListener.start();
		assertThat(otherNode.cache().caching()).as("not listening yet").isFalse();

		otherChannels.start();
		await().atMost(WAIT).until(() -> otherListener.connected() && barrierListening.get());
		assertThat(otherNode.cache().caching()).isTrue();
	}

	@AfterEach
	void stopSecondNode() {
		otherListener.stop();
		barrier.close();
		otherChannels.stop();
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
		otherNodeHeardEverythingSoFar();
		otherNode.get(user.id());
		assertThat(otherNode.cache().holds(user.id())).isTrue();

		clock.advance(Duration.ofSeconds(1));
		users.changePassword(user.id(), "another-hash", false);

		await().atMost(WAIT).until(() -> !otherNode.cache().holds(user.id()));
		assertThat(otherNode.get(user.id()).orElseThrow().tokensValidAfter()).isEqualTo(clock.instant());
		assertThat(otherNode.cache().holds(user.id())).isTrue();

		users.addMembership(user.id(), TenantId.DEFAULT, "viewer");
		await().atMost(WAIT).until(() -> !otherNode.cache().holds(user.id()));
		assertThat(otherNode.get(user.id()).orElseThrow().role(TenantId.DEFAULT)).contains("viewer");
		assertThat(otherNode.cache().holds(user.id())).isTrue();

		jdbc.sql("select pg_notify('rampart_identity', :payload)").param("payload", "user:" + user.id()).query().singleRow();
		await().atMost(WAIT).until(() -> !otherNode.cache().holds(user.id()));
	}

	@Test
	void anotherNodeStopsAcceptingARevokedApiKey() {
		ApiKeys.Created key = apiKeys.create(TenantId.DEFAULT, "test", "ci", Set.of("credential:read"), null);
		assertThat(otherNodeKeys.authenticate(key.secret())).as("first use, last_used_at written").isPresent();
		otherNodeHeardEverythingSoFar();
		assertThat(otherNodeKeys.authenticate(key.secret())).isPresent();
		assertThat(otherNodeKeys.cache().holds(key.key().prefix())).isTrue();

		apiKeys.revoke(TenantId.DEFAULT, key.key().id());

		await().atMost(WAIT).until(() -> !otherNodeKeys.cache().holds(key.key().prefix()));
		assertThat(otherNodeKeys.authenticate(key.secret())).isEmpty();
	}

	@Test
	void whileItsConnectionIsLostANodeCachesNothingAndReadsEveryChange() throws SQLException {
		User user = newUser("developer");
		otherNodeHeardEverythingSoFar();
		otherNode.get(user.id());
		assertThat(otherNode.cache().holds(user.id())).isTrue();

		int backend = lastOpened.get().unwrap(PGConnection.class).getBackendPID();
		reachable.set(false);
		jdbc.sql("select pg_terminate_backend(:pid, 10000)").param("pid", backend).query().singleRow();
		await().atMost(WAIT).until(() -> !otherListener.connected());

		assertThat(otherNode.cache().caching()).isFalse();
		assertThat(otherNode.cache().holds(user.id())).isFalse();
		clock.advance(Duration.ofSeconds(1));
		users.changePassword(user.id(), "changed-while-not-listening", false);
		assertThat(otherNode.get(user.id()).orElseThrow().tokensValidAfter()).isEqualTo(clock.instant());
		assertThat(otherNode.cache().holds(user.id())).isFalse();
		await().atMost(WAIT).until(() -> refused.get() >= 2);
		assertThat(otherNode.cache().caching()).as("still unreachable").isFalse();

		reachable.set(true);
		await().atMost(WAIT).until(otherListener::connected);
		assertThat(otherNode.cache().caching()).isTrue();
		assertThat(otherNode.get(user.id()).orElseThrow().tokensValidAfter()).isEqualTo(clock.instant());
		assertThat(otherNode.cache().holds(user.id())).isTrue();
	}

	@Test
	void aStoppedListenerLeavesTheCachesOffAndEmpty() {
		User user = newUser("developer");
		otherNodeHeardEverythingSoFar();
		otherNode.get(user.id());
		assertThat(otherNode.cache().holds(user.id())).isTrue();

		otherListener.stop();

		assertThat(otherListener.connected()).isFalse();
		assertThat(otherNode.cache().caching()).isFalse();
		assertThat(otherNode.cache().holds(user.id())).isFalse();
	}

	private record User(UUID id, String email) {
	}

	private User newUser(String role) {
		String email = "cached-" + UUID.randomUUID() + "@example.org";
		UUID id = users.create(email, null, passwords.hash(SecretValue.of(PASSWORD)), false, false).id();
		users.addMembership(id, TenantId.DEFAULT, role);
		return new User(id, email);
	}

	/**
	 * Waits until the other node has applied every notification committed so far: PostgreSQL delivers a session's
	 * notifications in commit order and the node dispatches them in turn, so once a later marker on another channel has
	 * arrived, those before it have been applied.
	 */
	private void otherNodeHeardEverythingSoFar() {
		String marker = UUID.randomUUID().toString();
		jdbc.sql("select pg_notify(:channel, :marker)").param("channel", BARRIER).param("marker", marker).query()
			.singleRow();
		await().atMost(WAIT).until(() -> barriers.contains(marker));
	}
}
