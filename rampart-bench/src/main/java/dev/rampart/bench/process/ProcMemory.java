package dev.rampart.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.List;

/**
 * Resident memory read from Linux {@code /proc}. RSS summed over processes over-counts pages they
 * share (e.g. PostgreSQL's shared buffers); PSS splits shared pages fairly, so both are given.
 */
public final class ProcMemory {

  private ProcMemory() {}

  /** VmRSS of one process in KiB, empty when /proc does not have it (not Linux, or process gone). */
  public static OptionalLong rssKiB(long pid) {
    return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS");
  }

  /** Pss of one process in KiB from smaps_rollup (kernel 4.14+), empty when unreadable. */
  public static OptionalLong pssKiB(long pid) {
    return field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss");
  }

  /** Sum of RSS over the processes. */
  public static long sumRssKiB(List<ProcessHandle> processes) {
    return processes.stream().mapToLong(p -> rssKiB(p.pid()).orElse(0)).sum();
  }

  /** Sum of PSS over the processes. */
  public static long sumPssKiB(List<ProcessHandle> processes) {
    return processes.stream().mapToLong(p -> pssKiB(p.pid()).orElse(0)).sum();
  }

  /** The value of a {@code Name:   1234 kB} line, as /proc/PID/status and smaps_rollup write them. */
  public static OptionalLong parseKiB(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + ":")) {
        String[] parts = line.substring(name.length() + 1).trim().split("\\s+");
        try {
          return OptionalLong.of(Long.parseLong(parts[0]));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }

  private static OptionalLong field(Path file, String name) {
    try {
      return parseKiB(Files.readString(file), name);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
