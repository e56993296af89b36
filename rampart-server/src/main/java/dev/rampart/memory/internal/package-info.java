/** jvector-backed tiers of the memory module's vector index; not for other modules. */
@NullMarked
package dev.rampart.memory.internal;

import org.jspecify.annotations.NullMarked;
