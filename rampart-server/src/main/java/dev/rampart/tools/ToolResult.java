package dev.rampart.tools;

/**
 * What a tool call gives back to the model: its output, or what went wrong, in words the model can act on.
 *
 * @param output the text returned to the model (untrusted: it is screened and size-capped before the model sees it)
 * @param failed whether the call failed; {@code output} then says why
 */
public record ToolResult(String output, boolean failed) {

	public static ToolResult ok(String output) {
		return new ToolResult(output, false);
	}

	public static ToolResult failed(String reason) {
		return new ToolResult(reason, true);
	}
}
