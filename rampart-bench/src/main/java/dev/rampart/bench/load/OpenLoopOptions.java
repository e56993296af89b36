package dev.rampart.bench.load;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * One open-loop scenario: every lane is offered {@code ratePerLane} requests per second, whatever
 * the target's answers do, for {@code warmup} (not recorded) and then {@code duration} (recorded).
 * A request is measured when its intended send time falls inside the measured window, however late
 * it completes; those still unfinished {@code drainTimeout} after the window are aborted and
 * counted as errors.
 *
 * @param maxInFlight requests in flight at once beyond which a due request is not sent but counted
 *     as {@link ErrorKinds#NOT_SENT}: a guard against a dead target piling up connections, never a
 *     limit a healthy run reaches ({@link #defaultMaxInFlight()})
 * @param clients HttpClient instances the requests take turns on (each has one selector thread)
 * @param connectTimeout per connection; each lane's request carries its own response timeout
 */
public record OpenLoopOptions(
    long ratePerLane,
    Duration warmup,
    Duration duration,
    Duration drainTimeout,
    int maxInFlight,
    int clients,
    Duration connectTimeout) {

  public static final long MAX_RATE = 100_000;
  /** The guard where the open-file limit cannot be read. */
  static final int FALLBACK_MAX_IN_FLIGHT = 10_000;
  public static final int DEFAULT_CLIENTS = 4;

  public OpenLoopOptions {
    if (ratePerLane < 1 || ratePerLane > MAX_RATE) {
      throw new IllegalArgumentException("rate must be 1.." + MAX_RATE + " requests per second, got " + ratePerLane);
    }
    if (warmup.isNegative() || !duration.isPositive() || drainTimeout.isNegative() || !connectTimeout.isPositive()) {
      throw new IllegalArgumentException("warm-up and drain must be >= 0, duration and connect timeout > 0");
    }
    if (maxInFlight < 1 || clients < 1) {
      throw new IllegalArgumentException("max in flight and clients must be >= 1");
    }
  }

  /** Defaults for everything but the rate and the two phases. */
  public static OpenLoopOptions of(long ratePerLane, Duration warmup, Duration duration, Duration requestTimeout) {
    return new OpenLoopOptions(ratePerLane, warmup, duration, requestTimeout.plusSeconds(5), defaultMaxInFlight(),
        DEFAULT_CLIENTS, requestTimeout);
  }

  /**
   * Half this process's open-file limit (each request in flight holds a socket), at most 20,000.
   * With the whole limit, an overloaded target made the driver itself fail with "Too many open
   * files", which the report would have blamed on the target.
   */
  public static int defaultMaxInFlight() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      return (int) Math.clamp(unix.getMaxFileDescriptorCount() / 2, 100, 20_000);
    }
    return FALLBACK_MAX_IN_FLIGHT;
  }
}
