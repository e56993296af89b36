/** Health indicators, tracing and metrics conventions, degradation status. */
@ApplicationModule(allowedDependencies = { "shared", "secrets", "identity", "gateway", "providers", "tools", "memory", "agents", "workflows", "executions", "events" }, displayName = "Observability")
@NullMarked
package dev.rampart.observability;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
