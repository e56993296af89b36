/** Templates, agents with immutable versions and aliases, safety checks and the agent step pipeline. */
@ApplicationModule(allowedDependencies = { "shared", "shared :: schema", "identity", "providers", "providers :: spi", "tools",
		"memory" },
		displayName = "Agents")
@NullMarked
package dev.rampart.agents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
