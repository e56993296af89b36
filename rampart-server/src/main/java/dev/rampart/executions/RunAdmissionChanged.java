package dev.rampart.executions;

import java.time.Instant;

/**
 * How many runs this node admits changed because of memory pressure (docs/runs.md, "Memory pressure"): published as an
 * application event, besides the gauges and the log line, so notifications (#9) can tell operators that runs queue
 * longer than usual on a node and why.
 *
 * @param node the node's id (the name its leases carry)
 * @param limit the runs the node now executes at once
 * @param workers the limit without pressure ({@code rampart.runs.workers})
 * @param occupancy the heap occupancy (0–1) of the sample that changed it
 * @param throttled whether the limit is now below {@code workers}
 * @param at when
 */
public record RunAdmissionChanged(String node, int limit, int workers, double occupancy, boolean throttled, Instant at) {
}
