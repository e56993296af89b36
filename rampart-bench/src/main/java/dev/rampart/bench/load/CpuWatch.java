package dev.rampart.bench.load;

import java.time.Duration;

/**
 * A process whose CPU time is sampled at the edges of the measured window. On two cores the load
 * driver competes with the target for CPU, so both are reported beside every figure.
 */
public record CpuWatch(String label, ProcessHandle process) {

  public static CpuWatch driver() {
    return new CpuWatch("driver", ProcessHandle.current());
  }

  /** User plus system time so far, or zero when the OS does not say (then the figure reads 0). */
  Duration cpuTime() {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }
}
