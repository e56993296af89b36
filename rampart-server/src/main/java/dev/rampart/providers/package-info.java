/** LLM provider configs and adapters, breakers, retries, fallback chains, response cache, usage and token budgets. */
@ApplicationModule(allowedDependencies = { "shared", "shared :: schema", "secrets", "identity" }, displayName = "LLM providers")
@NullMarked
package dev.rampart.providers;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
