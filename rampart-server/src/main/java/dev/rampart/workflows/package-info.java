/** Workflow definitions (DSL), their validation and versions. */
@ApplicationModule(allowedDependencies = { "shared", "shared :: schema", "identity", "agents", "tools" }, displayName = "Workflows")
@NullMarked
package dev.rampart.workflows;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
