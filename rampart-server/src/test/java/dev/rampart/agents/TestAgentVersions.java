package dev.rampart.agents;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.providers.ModelTarget;

/** Agent versions for other modules' tests, which may see agents but not providers (Spring Modulith checks tests too). */
public final class TestAgentVersions {

	private TestAgentVersions() {
	}

	/** A minimal agent on the built-in simulator. */
	public static AgentVersion minimal(UUID id, int version) {
		AgentDefinition definition = new AgentDefinition("helper", null, "Help.",
				List.of(new AgentDefinition.ModelStep(new ModelTarget("sim", "sim-echo"), null, null)), List.of(),
				AgentDefinition.MemorySettings.DISABLED, AgentDefinition.Limits.DEFAULTS, null, Map.of(), null, Map.of());
		return new AgentVersion(id, version, definition, null, Map.of());
	}
}
