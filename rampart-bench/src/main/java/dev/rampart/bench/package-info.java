/** Rampart's benchmark harness: drives the simulator and the server as separate processes over HTTP. */
@NullMarked
package dev.rampart.bench;

import org.jspecify.annotations.NullMarked;
