package dev.rampart.bench.load;

import java.util.List;

/**
 * The measured window of one open-loop scenario.
 *
 * @param lanes in the order given; each {@link LaneResult#scenario()} has latencies from the
 *     intended send times
 * @param sendLag how late the driver actually sent after the intended time, over every measured
 *     request of every lane: the driver's own share of the latencies, and a warning when large
 * @param maxInFlight the most requests in flight at once, all lanes together, when a measured one
 *     was sent
 */
public record OpenLoopResult(List<LaneResult> lanes, LatencySummary sendLag, int maxInFlight) {

  public OpenLoopResult {
    lanes = List.copyOf(lanes);
  }

  public List<ScenarioResult> scenarios() {
    return lanes.stream().map(LaneResult::scenario).toList();
  }

  /**
   * One lane's figures.
   *
   * @param scenario latencies from the intended send time; its {@code concurrency} is the lane's
   *     most requests in flight at once
   * @param offered measured requests the schedule intended for this lane
   * @param serviceTime start to last byte from the actual send, for comparison: the gap to {@code
   *     scenario().total()} is time spent waiting to be sent
   */
  public record LaneResult(ScenarioResult scenario, long offered, LatencySummary serviceTime) {}
}
