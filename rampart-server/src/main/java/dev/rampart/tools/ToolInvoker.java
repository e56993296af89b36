package dev.rampart.tools;

/**
 * The one way the agent step runs a tool (issue #7): validates the arguments against the tool's schema, runs the tool on
 * a virtual thread under the policy's timeout, keeps a breaker per tenant and external tool, caps the output at
 * {@code rampart.tools.max-output-chars} and records the timer {@code rampart.tools.calls} (tags {@code tool},
 * {@code status}). It never throws for what a tool does: every ending is a {@link ToolOutcome}. It does not count calls
 * per run or pause for approval; the run engine does.
 */
public interface ToolInvoker {

	ToolOutcome invoke(Tool tool, ToolPolicy policy, ToolCall call);
}
