package dev.rampart.bench.providers;

import java.util.Locale;

/** The parts of a {@code providers} run, in the order they run. */
public enum Mode {

  /** Non-streaming calls, direct and through the platform, at each fixed rate: latency added. */
  OVERHEAD,

  /** Streaming calls, direct and through the platform: time to the first piece of the reply added. */
  TTFT,

  /** The platform alone under a long simulated latency and many calls in flight: success, tail, heap. */
  SOAK;

  /** As written on the command line: {@code overhead}, {@code ttft}, {@code soak}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Throws IllegalArgumentException naming the modes there are. */
  public static Mode of(String label) {
    for (Mode mode : values()) {
      if (mode.label().equals(label.strip())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown mode '" + label + "'; modes: overhead, ttft, soak");
  }
}
