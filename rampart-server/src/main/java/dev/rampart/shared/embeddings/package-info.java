/** In-process sentence embeddings (all-MiniLM-L6-v2), open to every module that needs vectors without a provider. */
@NamedInterface("embeddings")
@NullMarked
package dev.rampart.shared.embeddings;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
