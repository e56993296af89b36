package dev.rampart.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * CPU times from Linux {@code /proc/PID/stat}, in clock ticks: the process's own user and system
 * time, and that of its children it has already waited for. The second pair matters for a
 * PostgreSQL postmaster: a backend that exits takes its CPU time out of the live processes and
 * adds it to the postmaster's children's time, so the sum over a server's processes stays
 * monotonic while connections come and go.
 */
public record ProcStat(long utime, long stime, long cutime, long cstime) {

  /** {@code USER_HZ}: 100 on every Linux platform the harness runs on, asked of {@code getconf} once. */
  public static final long TICKS_PER_SECOND = ticksPerSecond();

  /**
   * Parses one {@code stat} line. The command name (field 2) is in parentheses and may itself hold
   * spaces and parentheses, so fields are counted from the last {@code ')'}.
   */
  public static Optional<ProcStat> parse(String line) {
    int close = line.lastIndexOf(')');
    if (close < 0) {
      return Optional.empty();
    }
    String[] fields = line.substring(close + 1).trim().split("\\s+");
    // After the name: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17); index = field - 3.
    if (fields.length < 15) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ProcStat(Long.parseLong(fields[11]), Long.parseLong(fields[12]),
          Long.parseLong(fields[13]), Long.parseLong(fields[14])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public static Optional<ProcStat> read(long pid) {
    try {
      return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Own and reaped children's time of every process that is still there. */
  public static Duration cpuOf(Collection<ProcessHandle> processes) {
    long ticks = processes.stream().map(p -> read(p.pid())).flatMap(Optional::stream).mapToLong(ProcStat::ticks).sum();
    return Duration.ofNanos(ticks * 1_000_000_000L / TICKS_PER_SECOND);
  }

  public long ticks() {
    return utime + stime + cutime + cstime;
  }

  private static long ticksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes()).trim();
      return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
