/** Past-tense events about runs and steps that other modules (live delivery, notifications) react to. */
@NamedInterface("events")
@NullMarked
package dev.rampart.executions.events;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
