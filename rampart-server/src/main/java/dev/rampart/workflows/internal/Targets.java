package dev.rampart.workflows.internal;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * How steps name what they run: an agent as {@code <id>}, {@code <id>@<version>} or {@code <id>@<alias>}, a workflow as
 * {@code <id>} or {@code <id>@<version>}.
 */
final class Targets {

	private static final Pattern AGENT = Pattern.compile(
			"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:@([1-9][0-9]{0,8}|[a-z][a-z0-9-]{0,39}))?");
	private static final Pattern WORKFLOW = Pattern.compile(
			"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:@([1-9][0-9]{0,8}))?");

	private Targets() {
	}

	/** An agent and the version or alias it names, null for the latest. */
	record AgentTarget(UUID id, @Nullable String selector) {
	}

	/** A workflow and the version it names, null for the latest. */
	record WorkflowTarget(UUID id, @Nullable Integer version) {
	}

	static @Nullable AgentTarget agent(String text) {
		Matcher matcher = AGENT.matcher(text);
		return matcher.matches() ? new AgentTarget(UUID.fromString(matcher.group(1)), matcher.group(2)) : null;
	}

	static @Nullable WorkflowTarget workflow(String text) {
		Matcher matcher = WORKFLOW.matcher(text);
		return matcher.matches() ? new WorkflowTarget(UUID.fromString(matcher.group(1)),
				matcher.group(2) == null ? null : Integer.valueOf(matcher.group(2))) : null;
	}
}
