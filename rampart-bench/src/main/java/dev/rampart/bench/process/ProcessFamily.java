package dev.rampart.bench.process;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A server JVM together with the processes it brought up. Descendants are not enough: an embedded
 * PostgreSQL is started through {@code pg_ctl}, which detaches it, so the postmaster is reparented
 * to init. It is found instead by its command line, which names a path under the server's data
 * directory ({@code postgres -D <dataDir>/pg}), and its own workers are its descendants.
 */
public final class ProcessFamily {

  private ProcessFamily() {}

  /** The root, its descendants, and every live process (with descendants) whose command line mentions {@code dataDir}. */
  public static List<ProcessHandle> of(ProcessHandle root, Path dataDir) {
    String marker = dataDir.toAbsolutePath().toString();
    long self = ProcessHandle.current().pid();
    Map<Long, ProcessHandle> family = new LinkedHashMap<>();
    Stream.concat(Stream.of(root), ProcessHandle.allProcesses().filter(p -> mentions(p, marker)))
        .filter(p -> p.pid() != self)
        .forEach(p -> {
          family.putIfAbsent(p.pid(), p);
          p.descendants().forEach(d -> family.putIfAbsent(d.pid(), d));
        });
    return List.copyOf(family.values());
  }

  /** Processes still running from {@code dataDir}, e.g. a database the server failed to stop. */
  public static List<ProcessHandle> leftFrom(Path dataDir) {
    String marker = dataDir.toAbsolutePath().toString();
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self && p.isAlive() && mentions(p, marker))
        .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
        .distinct()
        .toList();
  }

  private static boolean mentions(ProcessHandle p, String marker) {
    return p.info().commandLine().map(c -> c.contains(marker)).orElse(false);
  }
}
