package dev.rampart.events;

import java.util.function.Consumer;

import dev.rampart.identity.RampartPrincipal;

/**
 * A non-run subscription of {@code /ws} ({@code {"type":"subscribe","id":"c2","topic":"notifications"}}): a bean of this
 * type per topic plugs one in (notifications are wired this way). Messages are sent through the connection's bounded
 * buffer; a topic's messages are dropped, not resynced, when it is full.
 */
public interface LiveTopic {

	/** The {@code topic} value it answers. */
	String name();

	/**
	 * Starts delivering the principal's messages of this topic to {@code send} (each a JSON-serializable object with its
	 * own {@code type}); closing the answer stops. {@code send} never blocks.
	 *
	 * @throws dev.rampart.shared.RampartException when the principal may not subscribe (sent back as an error message)
	 */
	AutoCloseable subscribe(RampartPrincipal principal, Consumer<Object> send);
}
