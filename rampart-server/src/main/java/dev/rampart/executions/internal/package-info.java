/** The run engine's implementation: tables, the queue with leases and fencing, workers and executors. */
@NullMarked
package dev.rampart.executions.internal;

import org.jspecify.annotations.NullMarked;
