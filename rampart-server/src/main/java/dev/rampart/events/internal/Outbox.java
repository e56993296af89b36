package dev.rampart.events.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A WebSocket connection's bounded send buffer: callers only queue, one virtual thread at a time writes to the socket,
 * so a client that does not read stalls only its own writer. Data messages are refused once {@code maxMessages} or
 * {@code maxBytes} are queued and stay so for the wait the caller allows (a run's feed then drops the subscription and
 * says {@code resync}); control messages ({@link #control}) always go in, they are few and small.
 */
final class Outbox {

	private final WebSocketSession session;
	private final Executor executor;
	private final Runnable broken;
	private final int maxMessages;
	private final long maxBytes;
	private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
	private final AtomicInteger messages = new AtomicInteger();
	private final AtomicLong bytes = new AtomicLong();
	private final AtomicBoolean writing = new AtomicBoolean();
	private volatile boolean closed;

	/** @param broken called once when a write fails (the client is gone or read nothing for the container's send timeout) */
	Outbox(WebSocketSession session, Executor executor, int maxMessages, long maxBytes, Runnable broken) {
		this.session = session;
		this.broken = broken;
		this.executor = executor;
		this.maxMessages = maxMessages;
		this.maxBytes = maxBytes;
	}

	/** Queues a data message; false (and nothing queued) when the buffer is full. */
	synchronized boolean offer(String text) {
		return offer(text, Duration.ZERO);
	}

	/**
	 * Queues a data message, waiting up to {@code wait} for room (only a feed's own thread waits); false (and nothing
	 * queued) when the buffer stayed full.
	 */
	synchronized boolean offer(String text, Duration wait) {
		long size = text.getBytes(StandardCharsets.UTF_8).length;
		long deadline = System.nanoTime() + wait.toNanos();
		while (!closed && (messages.get() >= maxMessages || bytes.get() + size > maxBytes)) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			try {
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		put(text, size);
		return true;
	}

	/** Queues a control message whatever the buffer holds. */
	synchronized void control(String text) {
		put(text, text.getBytes(StandardCharsets.UTF_8).length);
	}

	private void put(String text, long size) {
		if (closed) {
			return;
		}
		messages.incrementAndGet();
		bytes.addAndGet(size);
		queue.add(new Queued(text, size));
		if (writing.compareAndSet(false, true)) {
			executor.execute(this::write);
		}
	}

	private void write() {
		for (;;) {
			Queued next;
			while ((next = queue.poll()) != null) {
				try {
					if (!closed) {
						session.sendMessage(new TextMessage(next.text()));
					}
				}
				catch (IOException | RuntimeException ex) {
					if (!closed) {
						closed = true;
						broken.run();
					}
				}
				sent(next.size());
			}
			writing.set(false);
			if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
				return;
			}
		}
	}

	private synchronized void sent(long size) {
		messages.decrementAndGet();
		bytes.addAndGet(-size);
		notifyAll();
	}

	/** A queued message with its size in UTF-8, counted once. */
	private record Queued(String text, long size) {
	}

	synchronized void close() {
		closed = true;
		queue.clear();
		notifyAll();
	}
}
