package dev.rampart.events.internal;

import java.util.UUID;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * What travels between nodes: a pointer that a run's log grew ({@code text} null) or a piece of its streamed tokens. The
 * wire form is one line of text, well under PostgreSQL's 8000-byte NOTIFY limit for pointers; tokens are cut to fit.
 *
 * @param origin the node that published it, so that node skips its own echo
 */
record RunSignal(String origin, RunKey run, long lastSeq, boolean terminal, @Nullable String text) {

	/** Token text per message, in characters: at most 3 bytes each in UTF-8, well under 8000 with the header. */
	static final int MAX_TEXT = 2000;

	String encode() {
		String head = origin + "|" + run.tenant().value() + "|" + run.run() + "|";
		return text == null ? "a|" + head + lastSeq + "|" + (terminal ? 1 : 0) : "t|" + head + text;
	}

	static @Nullable RunSignal decode(String line) {
		try {
			String[] parts = line.split("\\|", 5);
			if (parts.length < 5) {
				return null;
			}
			RunKey run = new RunKey(new TenantId(UUID.fromString(parts[2])), UUID.fromString(parts[3]));
			if (parts[0].equals("a")) {
				String[] tail = parts[4].split("\\|", 2);
				return new RunSignal(parts[1], run, Long.parseLong(tail[0]), tail.length > 1 && tail[1].equals("1"), null);
			}
			return parts[0].equals("t") ? new RunSignal(parts[1], run, 0, false, parts[4]) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
