package dev.rampart.bench.load;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * CPU time sampled at the edges of the measured window, for one process or a group of them. On two
 * cores the load driver competes with the target for CPU, so both are reported beside every figure.
 *
 * @param reading user plus system time so far; zero when the OS does not say (then the figure reads 0)
 */
public record CpuWatch(String label, Supplier<Duration> reading) {

  public static CpuWatch driver() {
    return of("driver", ProcessHandle.current());
  }

  /** One process: all its threads, user and system time. */
  public static CpuWatch of(String label, ProcessHandle process) {
    return new CpuWatch(label, () -> process.info().totalCpuDuration().orElse(Duration.ZERO));
  }

  Duration cpuTime() {
    return reading.get();
  }
}
