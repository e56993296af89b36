package dev.rampart.events.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * followers latency (they re-read at their heartbeat), never events. A batch lingers up to {@value #LINGER_MS} ms for
 * more lines, and of several pointers to one run only the newest goes out (a pointer says "read up to here"): at
 * thousands of events a second that turns a NOTIFY transaction per event or two into one per few milliseconds, for
 * at most that much more latency on the other nodes. A node that is the only one listening (checked every
 * {@value #ALONE_CHECK_S} s, {@link NotifyChannels#listeners()}) sends nothing at all: its own followers were told
 * directly. A node that starts listening says {@code hello} on the channel, which makes every node send again at once
 * (its feeds read the log when they open, so only signals before its hello are not for it). Listening is the node's {@link NotifyChannels};
 * once it listens (again), every follower on the node re-reads.
 */
final class PostgresChannel {

	static final String CHANNEL = "rampart_live";

	private static final Logger log = LoggerFactory.getLogger(PostgresChannel.class);
	private static final int BATCH = 500;
	static final int LINGER_MS = 5;
	static final int ALONE_CHECK_S = 5;
	/** A node started listening: whoever hears it sends signals again. */
	static final String HELLO = "hello";

	private final NotifyChannels channels;
	private final Consumer<String> receiver;
	private final Runnable reconnected;
	private final BlockingQueue<String> outgoing = new ArrayBlockingQueue<>(50_000);
	private volatile boolean running;
	private @Nullable Thread sender;
	private NotifyChannels.@Nullable Subscription subscription;
	private volatile boolean droppedWarned;
	/** Whether another node may be listening; true until known otherwise. */
	private volatile boolean others = true;
	private long checkedAt;

	PostgresChannel(NotifyChannels channels, Consumer<String> receiver, Runnable reconnected) {
		this.channels = channels;
		this.receiver = receiver;
		this.reconnected = reconnected;
	}

	synchronized void start() {
		running = true;
		sender = Thread.ofPlatform().daemon().name("live-notify").start(this::send);
		subscription = channels.subscribe(CHANNEL, this::received, this::listening);
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
		if (!others) {
			return;
		}
		if (!outgoing.offer(line) && !droppedWarned) {
			droppedWarned = true;
			log.warn("Live signals are produced faster than PostgreSQL NOTIFY sends them; dropping some (followers re-read at"
					+ " their heartbeat)");
		}
	}

	/**
	 * {@code lines} in order, but of the pointers to one run ({@code a|node|tenant|run|...}) only the last: they are
	 * queued in the order they were written, so the last one has the highest seq. Token lines all stay.
	 */
	static List<String> coalesced(List<String> lines) {
		Map<String, Integer> lastPointer = new HashMap<>();
		for (int i = 0; i < lines.size(); i++) {
			String key = pointerKey(lines.get(i));
			if (key != null) {
				lastPointer.put(key, i);
			}
		}
		if (lastPointer.size() == lines.size()) {
			return lines;
		}
		List<String> out = new ArrayList<>(lines.size());
		for (int i = 0; i < lines.size(); i++) {
			String key = pointerKey(lines.get(i));
			if (key == null || lastPointer.get(key) == i) {
				out.add(lines.get(i));
			}
		}
		return out;
	}

	/** {@code a|node|tenant|run} of a pointer line; null for tokens. */
	private static @Nullable String pointerKey(String line) {
		if (!line.startsWith("a|")) {
			return null;
		}
		int at = 1;
		for (int bars = 0; bars < 3 && at >= 0; bars++) {
			at = line.indexOf('|', at + 1);
		}
		return at < 0 ? null : line.substring(0, at);
	}

	private void received(String line) {
		if (line.equals(HELLO)) {
			others = true;
			return;
		}
		receiver.accept(line);
	}

	/** Listening (again): announce this node, and have its followers read what they may have missed. */
	private void listening() {
		try {
			channels.publish(CHANNEL, HELLO);
		}
		catch (RuntimeException ex) {
			log.debug("Could not say hello on {}: {}", CHANNEL, ex.toString());
		}
		reconnected.run();
	}

	private void checkOthers() {
		long now = System.nanoTime();
		if (checkedAt != 0 && now - checkedAt < TimeUnit.SECONDS.toNanos(ALONE_CHECK_S)) {
			return;
		}
		checkedAt = now;
		boolean before = others;
		try {
			others = channels.listeners() > 1;
		}
		catch (RuntimeException ex) {
			others = true;
		}
		if (before != others) {
			log.info(others ? "Another node listens on {}: live signals go out through NOTIFY again"
					: "No other node listens on {}: live signals stay on this node", CHANNEL);
		}
	}

	private void send() {
		List<String> batch = new ArrayList<>(BATCH);
		while (running) {
			try {
				checkOthers();
				String first = outgoing.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
				while (batch.size() < BATCH) {
					String next = outgoing.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
					if (next == null) {
						break;
					}
					batch.add(next);
					outgoing.drainTo(batch, BATCH - batch.size());
				}
				channels.publishAll(CHANNEL, coalesced(batch));
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
