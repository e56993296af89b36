/** The simulator's HTTP server, protocol dialects and reply engine; not API, may change without notice. */
@NullMarked
package dev.rampart.sim.internal;

import org.jspecify.annotations.NullMarked;
