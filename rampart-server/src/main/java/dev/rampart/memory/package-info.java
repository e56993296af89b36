/** Agent memories, embeddings, the tiered vector index and importance-scored eviction. */
@ApplicationModule(allowedDependencies = { "shared", "shared :: embeddings", "identity", "providers" }, displayName = "Memory")
@NullMarked
package dev.rampart.memory;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
