/** Workflow definitions (DSL), their validation and versions. */
@ApplicationModule(allowedDependencies = { "shared", "identity", "agents", "tools" }, displayName = "Workflows")
@NullMarked
package dev.rampart.workflows;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
