/** The tiered response cache of model replies: node memory (L1), Redis (L2) and PostgreSQL (L3). */
@NullMarked
package dev.rampart.providers.internal.cache;

import org.jspecify.annotations.NullMarked;
