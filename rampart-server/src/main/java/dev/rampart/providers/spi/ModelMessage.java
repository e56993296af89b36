package dev.rampart.providers.spi;

import java.util.Objects;

/**
 * One message of a conversation sent to a model, with where its text came from.
 *
 * @param role who speaks in the conversation
 * @param text the message text
 * @param origin where the text came from; decides whether it is {@link #untrusted()}
 */
public record ModelMessage(Role role, String text, Origin origin) {

	public ModelMessage {
		Objects.requireNonNull(role, "role");
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(origin, "origin");
	}

	public enum Role {
		SYSTEM, USER, ASSISTANT
	}

	/** Where a message's text came from. */
	public enum Origin {
		/** Written by the tenant's own configuration (an agent's instructions): trusted. */
		CONFIGURATION(false),
		/** Typed by a user or sent by a client: untrusted. */
		USER_INPUT(true),
		/** Returned by a tool (HTTP, MCP ...): untrusted. */
		TOOL_OUTPUT(true),
		/** Retrieved from an agent's memory: untrusted, it may hold earlier untrusted text. */
		MEMORY(true),
		/** An earlier answer of the model: untrusted, since it may echo untrusted input. */
		MODEL(true);

		private final boolean untrusted;

		Origin(boolean untrusted) {
			this.untrusted = untrusted;
		}

		public boolean untrusted() {
			return untrusted;
		}
	}

	public boolean untrusted() {
		return origin.untrusted();
	}

	public ModelMessage withText(String replacement) {
		return new ModelMessage(role, replacement, origin);
	}
}
