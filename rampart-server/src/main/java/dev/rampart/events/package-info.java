/** Live delivery of run events and notifications over WebSocket and SSE, with cross-node fan-out. */
@ApplicationModule(allowedDependencies = { "shared", "identity", "executions", "executions :: events", "providers",
		"gateway" }, displayName = "Live events")
@NullMarked
package dev.rampart.events;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
