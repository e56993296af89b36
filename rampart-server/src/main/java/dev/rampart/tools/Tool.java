package dev.rampart.tools;

import tools.jackson.databind.JsonNode;

/**
 * A tool a model may call (docs/tools.md): its name and description are sent to the model with the JSON Schema of its
 * arguments; {@link #call} runs it. Arguments are validated against {@link #parameters()} before a call (the agent
 * step does it); a tool still checks what it relies on and answers a {@link ToolResult#failed failed} result rather
 * than throwing for bad input. What a tool returns is untrusted text for the model.
 */
public interface Tool {

	/** Unique among the tools an agent has: lower case letters, digits and {@code _}, starting with a letter. */
	String name();

	/** What the tool does, for the model. */
	String description();

	/** The JSON Schema (an object schema) of the arguments. */
	JsonNode parameters();

	ToolResult call(ToolCall call);

	/**
	 * Where the tool comes from, as {@code GET /api/v1/tools} shows it: {@code built-in}, {@code openapi:<set>},
	 * {@code mcp:<server>}, or a module's name for tools other modules contribute. Sources should say; a tool that does
	 * not is shown as {@code other}.
	 */
	default String source() {
		return "other";
	}
}
