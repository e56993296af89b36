package dev.rampart.agents;

/**
 * Runs one step of an agent (docs/agents.md, "The step pipeline"): load its memories, tools and prompt concurrently,
 * call the model through the provider gateway, run the tool calls it asks for, and loop until it answers or a limit
 * stops it. The synchronous {@code POST /api/v1/agents/{id}/invoke} calls this; #8's durable runs call it per step.
 */
public interface AgentInvocations {

	/**
	 * Runs the step, passing its events to {@code listener} as they happen.
	 *
	 * @throws dev.rampart.shared.RampartException {@code RESOURCE_NOT_FOUND} for an unknown agent or selector,
	 *     {@code AGENT_TOOL_FAILED} when a required tool fails, a provider error when every model of the chain failed
	 */
	InvocationResult invoke(Invocation invocation, StepListener listener);
}
