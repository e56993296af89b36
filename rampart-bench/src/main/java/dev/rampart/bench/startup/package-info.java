/** The server's time from launch to ready, cold and warm, and its idle resident memory. */
@NullMarked
package dev.rampart.bench.startup;

import org.jspecify.annotations.NullMarked;
