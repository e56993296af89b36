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
 * after the connection is killed it reconnects, every subscriber catches up, and later notifications arrive; payloads
 * PostgreSQL would refuse are refused before they are sent.
 */
@ServerTest
class NotifyChannelsIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final NotifyChannels channels;
	private final DataSource dataSource;
	private final List<NotifyChannels.Subscription> subscriptions = new CopyOnWriteArrayList<>();

	@Autowired
	NotifyChannelsIT(NotifyChannels channels, DataSource dataSource) {
		this.channels = channels;
		this.dataSource = dataSource;
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
		listener.subscription = channels.subscribe(channel, listener.received::add, listener.caughtUp::incrementAndGet);
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
		NotifyChannels.Subscription subscription;

		Listener(String channel) {
			this.channel = channel;
		}
	}
}
