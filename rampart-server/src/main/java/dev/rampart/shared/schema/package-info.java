/**
 * JSON Schema validation of definitions (agents, templates, workflows) with every violation
 * reported by path in one answer. Any module may use it; the request-body hook lives in the gateway.
 */
@NamedInterface("schema")
@NullMarked
package dev.rampart.shared.schema;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
