package dev.rampart.shared;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.ServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The node's one {@code LISTEN} connection against the server's PostgreSQL: each subscriber hears only its channel;
 * after the connection is killed every open subscriber is told it was lost, it reconnects, every subscriber catches up,
 * and later notifications arrive; a stopped bean tells its subscribers too, and a restarted one listens again; payloads
 * PostgreSQL would refuse are refused before they are sent.
 */
@ServerTest
class NotifyChannelsIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final NotifyChannels channels;
	private final DataSource dataSource;
	private final DirectConnections ownConnections;
	private final List<NotifyChannels.Subscription> subscriptions = new CopyOnWriteArrayList<>();

	@Autowired
	NotifyChannelsIT(NotifyChannels channels, DataSource dataSource, DirectConnections ownConnections) {
		this.channels = channels;
		this.dataSource = dataSource;
		this.ownConnections = ownConnections;
	}

	@AfterEach
	void unsubscribe() {
		subscriptions.forEach(NotifyChannels.Subscription::close);
	}

	@Test
	void twoSubscribersOnTwoChannelsGetOnlyTheirOwnPayloads() {
		Listener alpha = listen(channel());
		Listener beta = listen(channel());
		await().atMost(WAIT).until(() -> alpha.caughtUp.get() == 1 && beta.caughtUp.get() == 1);

		channels.publish(alpha.channel, "for-alpha");
		channels.publishAll(beta.channel, List.of("for-beta-1", "for-beta-2"));

		await().atMost(WAIT).until(() -> alpha.received.size() == 1 && beta.received.size() == 2);
		assertThat(alpha.received).containsExactly("for-alpha");
		assertThat(beta.received).containsExactly("for-beta-1", "for-beta-2");
	}

	@Test
	void afterTheListeningConnectionIsKilledItReconnectsLetsSubscribersCatchUpAndDeliversAgain() {
		Listener first = listen(channel());
		Listener second = listen(channel());
		await().atMost(WAIT).until(() -> first.caughtUp.get() == 1 && second.caughtUp.get() == 1);
		Integer killed = channels.backendPid();
		assertThat(killed).isNotNull();

		DatabaseOwner.jdbc(dataSource).sql("select pg_terminate_backend(:pid)").param("pid", killed).query().singleValue();

		await().atMost(WAIT).until(() -> first.caughtUp.get() == 2 && second.caughtUp.get() == 2);
		assertThat(channels.backendPid()).isNotNull().isNotEqualTo(killed);
		channels.publish(first.channel, "after-reconnect");
		await().atMost(WAIT).until(() -> first.received.contains("after-reconnect"));
		assertThat(second.received).isEmpty();
	}

	@Test
	void whenTheListeningConnectionIsKilledOnLostRunsBeforeListeningResumes() {
		Listener watched = listen(channel());
		await().atMost(WAIT).until(() -> watched.caughtUp.get() == 1);
		assertThat(watched.events).containsExactly("listening");
		Integer killed = channels.backendPid();
		assertThat(killed).isNotNull();

		DatabaseOwner.jdbc(dataSource).sql("select pg_terminate_backend(:pid)").param("pid", killed).query().singleValue();

		await().atMost(WAIT).until(() -> watched.caughtUp.get() == 2);
		assertThat(watched.events).containsExactly("listening", "lost", "listening");
		channels.publish(watched.channel, "after-reconnect");
		await().atMost(WAIT).until(() -> watched.received.contains("after-reconnect"));
	}

	@Test
	void aStoppedBeanLosesItsSubscribersAndARestartedOneListensAgain() {
		NotifyChannels own = new NotifyChannels(dataSource, ownConnections);
		Listener listener = new Listener(channel());
		listener.subscription = own.subscribe(listener.channel, listener.received::add, listener::listening,
				listener::lost, new NotifyChannels.Liveness(Duration.ofSeconds(1), Duration.ofSeconds(1)));
		subscriptions.add(listener.subscription);
		own.start();
		try {
			await().atMost(WAIT).until(() -> listener.caughtUp.get() == 1);

			own.stop();
			await().atMost(WAIT).until(() -> listener.events.size() == 2);
			assertThat(listener.events).containsExactly("listening", "lost");
			assertThat(own.listening()).isFalse();

			own.start();
			await().atMost(WAIT).until(() -> listener.caughtUp.get() == 2);
			own.publish(listener.channel, "after-restart");
			await().atMost(WAIT).until(() -> listener.received.contains("after-restart"));
			assertThat(listener.events).containsExactly("listening", "lost", "listening");
		}
		finally {
			own.stop();
		}
	}

	@Test
	void aClosedSubscriptionIsNotToldOfTheLoss() {
		Listener closed = listen(channel());
		Listener open = listen(channel());
		await().atMost(WAIT).until(() -> closed.caughtUp.get() == 1 && open.caughtUp.get() == 1);

		closed.subscription.close();
		DatabaseOwner.jdbc(dataSource).sql("select pg_terminate_backend(:pid)").param("pid", channels.backendPid())
			.query().singleValue();

		await().atMost(WAIT).until(() -> open.caughtUp.get() == 2);
		assertThat(open.events).containsExactly("listening", "lost", "listening");
		assertThat(closed.events).containsExactly("listening");
	}

	@Test
	void eachListeningNodeIsCountedWhileItListens() {
		Listener here = listen(channel());
		await().atMost(WAIT).until(() -> here.caughtUp.get() == 1);
		int before = channels.listeners();
		assertThat(before).isGreaterThanOrEqualTo(1);

		NotifyChannels other = new NotifyChannels(dataSource, ownConnections);
		Listener there = new Listener(channel());
		there.subscription = other.subscribe(there.channel, there.received::add, there::listening);
		subscriptions.add(there.subscription);
		other.start();
		try {
			await().atMost(WAIT).until(() -> there.caughtUp.get() == 1);
			assertThat(channels.listeners()).isEqualTo(before + 1);
		}
		finally {
			other.stop();
		}
		await().atMost(WAIT).until(() -> channels.listeners() == before);
	}

	@Test
	void aLivenessMustBePositive() {
		assertThatThrownBy(() -> new NotifyChannels.Liveness(Duration.ZERO, Duration.ofSeconds(1)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aClosedSubscriptionHearsNothingMore() {
		Listener closed = listen(channel());
		Listener open = listen(channel());
		await().atMost(WAIT).until(() -> closed.caughtUp.get() == 1 && open.caughtUp.get() == 1);

		closed.subscription.close();
		channels.publish(closed.channel, "too-late");
		channels.publish(open.channel, "in-time");

		await().atMost(WAIT).until(() -> open.received.contains("in-time"));
		assertThat(closed.received).isEmpty();
	}

	@Test
	void aPayloadOverPostgresLimitIsRefusedClearlyAndOneAtTheLimitArrives() {
		Listener listener = listen(channel());
		await().atMost(WAIT).until(() -> listener.caughtUp.get() == 1);

		assertThatThrownBy(() -> channels.publish(listener.channel, "é".repeat(4_000)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("8000 bytes")
			.hasMessageContaining("at most 7999");
		assertThatThrownBy(() -> channels.publishAll(listener.channel, List.of("fine", "x".repeat(8_000))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> channels.publish("Robert'); drop table runs; --", "x"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not a lower-case SQL identifier");

		String largest = "x".repeat(NotifyChannels.MAX_PAYLOAD_BYTES);
		channels.publish(listener.channel, largest);
		await().atMost(WAIT).until(() -> listener.received.contains(largest));
		assertThat(listener.received).containsExactly(largest);
	}

	private Listener listen(String channel) {
		Listener listener = new Listener(channel);
		listener.subscription = channels.subscribe(channel, listener.received::add, listener::listening, listener::lost);
		subscriptions.add(listener.subscription);
		return listener;
	}

	private static String channel() {
		return "test_" + UUID.randomUUID().toString().replace("-", "_");
	}

	/** What one subscriber heard. */
	private static final class Listener {

		final String channel;
		final List<String> received = new CopyOnWriteArrayList<>();
		final AtomicInteger caughtUp = new AtomicInteger();
		final List<String> events = new CopyOnWriteArrayList<>();
		NotifyChannels.Subscription subscription;

		Listener(String channel) {
			this.channel = channel;
		}

		void listening() {
			events.add("listening");
			caughtUp.incrementAndGet();
		}

		void lost() {
			events.add("lost");
		}
	}
}
