package dev.rampart.events.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.rampart.shared.NotifyChannels;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live signals through PostgreSQL {@code NOTIFY}/{@code LISTEN} on {@value #CHANNEL}: the fan-out without Redis, and its
 * fallback while Redis is lost. Sending never blocks the caller: lines wait in a bounded queue and a sender thread
 * notifies them in batches (one round trip each, on a pooled connection); a full queue drops lines, which costs
 * followers latency (they re-read at their heartbeat), never events. Listening is the node's {@link NotifyChannels};
 * once it listens (again), every follower on the node re-reads.
 */
final class PostgresChannel {

	static final String CHANNEL = "rampart_live";

	private static final Logger log = LoggerFactory.getLogger(PostgresChannel.class);
	private static final int BATCH = 500;

	private final NotifyChannels channels;
	private final Consumer<String> receiver;
	private final Runnable reconnected;
	private final BlockingQueue<String> outgoing = new ArrayBlockingQueue<>(50_000);
	private volatile boolean running;
	private @Nullable Thread sender;
	private NotifyChannels.@Nullable Subscription subscription;
	private volatile boolean droppedWarned;

	PostgresChannel(NotifyChannels channels, Consumer<String> receiver, Runnable reconnected) {
		this.channels = channels;
		this.receiver = receiver;
		this.reconnected = reconnected;
	}

	synchronized void start() {
		running = true;
		sender = Thread.ofPlatform().daemon().name("live-notify").start(this::send);
		subscription = channels.subscribe(CHANNEL, receiver, reconnected);
	}

	synchronized void stop() {
		running = false;
		if (sender != null) {
			sender.interrupt();
		}
		if (subscription != null) {
			subscription.close();
			subscription = null;
		}
	}

	/** Queues {@code line} for every node (this one hears it too). */
	void publish(String line) {
		if (!outgoing.offer(line) && !droppedWarned) {
			droppedWarned = true;
			log.warn("Live signals are produced faster than PostgreSQL NOTIFY sends them; dropping some (followers re-read at"
					+ " their heartbeat)");
		}
	}

	private void send() {
		List<String> batch = new ArrayList<>(BATCH);
		while (running) {
			try {
				String first = outgoing.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				outgoing.drainTo(batch, BATCH - 1);
				channels.publishAll(CHANNEL, batch);
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Could not NOTIFY {} live signals ({}); followers re-read at their heartbeat", batch.size(),
						ex.getMessage());
			}
			finally {
				batch.clear();
			}
		}
	}
}
