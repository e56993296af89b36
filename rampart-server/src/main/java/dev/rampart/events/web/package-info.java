/** The live endpoints: the SSE stream of a run's events. */
@NullMarked
package dev.rampart.events.web;

import org.jspecify.annotations.NullMarked;
