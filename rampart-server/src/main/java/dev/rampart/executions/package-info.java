/** Runs and steps: the durable engine, queue, leases, checkpoints, sagas, schedules and the event log. */
@ApplicationModule(allowedDependencies = { "shared", "shared :: schema", "identity", "agents", "workflows", "providers", "tools", "memory" }, displayName = "Executions")
@NullMarked
package dev.rampart.executions;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
