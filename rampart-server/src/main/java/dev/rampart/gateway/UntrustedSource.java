package dev.rampart.gateway;

import java.util.Locale;

/** Where a text that is about to reach a model came from; none of these may give the model orders. */
public enum UntrustedSource {
	/** What a user typed (a run's input, a chat message). */
	USER_INPUT,
	/** What a tool returned: web pages, documents, API responses, e-mails fetched for the agent. */
	TOOL_OUTPUT,
	/** A memory retrieved for the agent, written earlier by a user, a tool or the agent itself. */
	MEMORY;

	/** The name used in metrics and in the wrap format: {@code user_input}, {@code tool_output}, {@code memory}. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}
}
