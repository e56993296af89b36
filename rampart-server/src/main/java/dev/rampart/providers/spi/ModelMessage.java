package dev.rampart.providers.spi;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation sent to a model, with where its text came from. Besides plain text, an
 * {@link Role#ASSISTANT} message may carry the tool calls the model asked for ({@link #toolCalls(String, List)}), and a
 * {@link Role#TOOL} message carries one tool's result ({@link #toolResult}), which is untrusted like any tool output.
 *
 * @param role who speaks in the conversation
 * @param text the message text (a tool result's output for {@link Role#TOOL}); may be empty beside tool calls
 * @param origin where the text came from; decides whether it is {@link #untrusted()}
 * @param toolCalls the tool calls of an assistant message, in order; empty otherwise
 * @param toolCallId for {@link Role#TOOL}: the id of the call this result answers
 * @param toolName for {@link Role#TOOL}: the name of the tool that produced it (Gemini and Ollama match by name)
 */
public record ModelMessage(Role role, String text, Origin origin, List<ModelToolCall> toolCalls,
		@Nullable String toolCallId, @Nullable String toolName) {

	public ModelMessage {
		Objects.requireNonNull(role, "role");
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(origin, "origin");
		toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
		if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
			throw new IllegalArgumentException("only an assistant message carries tool calls");
		}
		if (role == Role.TOOL && (toolCallId == null || toolName == null)) {
			throw new IllegalArgumentException("a tool message needs the call id and the tool name");
		}
	}

	public ModelMessage(Role role, String text, Origin origin) {
		this(role, text, origin, List.of(), null, null);
	}

	/** The model's earlier answer that asked for {@code calls} (with {@code text} said beside them, often empty). */
	public static ModelMessage toolCalls(String text, List<ModelToolCall> calls) {
		return new ModelMessage(Role.ASSISTANT, text, Origin.MODEL, calls, null, null);
	}

	/** What tool {@code toolName} returned for the call {@code callId}: untrusted tool output. */
	public static ModelMessage toolResult(String callId, String toolName, String output) {
		return new ModelMessage(Role.TOOL, output, Origin.TOOL_OUTPUT, List.of(), callId, toolName);
	}

	public enum Role {
		SYSTEM, USER, ASSISTANT,
		/** A tool's result, answering one tool call of the assistant message before it. */
		TOOL
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

	/** The same message with other text; role, origin, tool calls and tool ids are kept. */
	public ModelMessage withText(String replacement) {
		return new ModelMessage(role, replacement, origin, toolCalls, toolCallId, toolName);
	}
}
