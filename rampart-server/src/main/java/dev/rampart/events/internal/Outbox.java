package dev.rampart.events.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A WebSocket connection's bounded send buffer: producers only queue ({@link #offer} never blocks), one virtual thread
 * at a time writes to the socket, so a client that does not read stalls only its own writer. Data messages are refused
 * once {@code maxMessages} or {@code maxBytes} are queued (the caller then drops the subscription and says
 * {@code resync}); control messages ({@link #control}) always go in, they are few and small.
 */
final class Outbox {

	private final WebSocketSession session;
	private final Executor executor;
	private final int maxMessages;
	private final long maxBytes;
	private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
	private final AtomicInteger messages = new AtomicInteger();
	private final AtomicLong bytes = new AtomicLong();
	private final AtomicBoolean writing = new AtomicBoolean();
	private volatile boolean closed;

	Outbox(WebSocketSession session, Executor executor, int maxMessages, long maxBytes) {
		this.session = session;
		this.executor = executor;
		this.maxMessages = maxMessages;
		this.maxBytes = maxBytes;
	}

	/** Queues a data message; false (and nothing queued) when the buffer is full. */
	synchronized boolean offer(String text) {
		long size = text.getBytes(StandardCharsets.UTF_8).length;
		if (messages.get() >= maxMessages || bytes.get() + size > maxBytes) {
			return false;
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
		queue.add(text);
		if (writing.compareAndSet(false, true)) {
			executor.execute(this::write);
		}
	}

	private void write() {
		for (;;) {
			String text;
			while ((text = queue.poll()) != null) {
				try {
					if (!closed) {
						session.sendMessage(new TextMessage(text));
					}
				}
				catch (IOException | RuntimeException ex) {
					closed = true;
				}
				messages.decrementAndGet();
				bytes.addAndGet(-text.getBytes(StandardCharsets.UTF_8).length);
			}
			writing.set(false);
			if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
				return;
			}
		}
	}

	void close() {
		closed = true;
		queue.clear();
	}
}
