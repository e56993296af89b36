package dev.rampart.bench.startup;

import dev.rampart.bench.process.ChildProcess;
import dev.rampart.bench.process.FreePort;
import dev.rampart.bench.process.LaunchCommand;
import dev.rampart.bench.process.ProcMemory;
import dev.rampart.bench.process.ProcessFamily;
import dev.rampart.bench.process.ReadinessProbe;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Launches the server one run after another on the same data directory: the first run starts from
 * nothing (cold), the others find the data folder already there (warm). Runs never overlap, so the
 * two cores belong to the server being measured.
 */
public final class StartupBench {

  private final StartupOptions options;
  private final PrintStream out;

  public StartupBench(StartupOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Throws IllegalStateException when the server is missing, exits, or is not ready in time. */
  public StartupReport run() throws IOException, InterruptedException {
    if (options.command().contains("{jar}") && !Files.exists(options.serverJar())) {
      throw new IllegalStateException("server jar not found: " + options.serverJar().toAbsolutePath()
          + " (build it with: mvn -pl rampart-server package, or pass --server-jar / --server-command)");
    }
    Path dataDir = options.dataDir() != null ? options.dataDir() : Files.createTempDirectory("rampart-startup-");
    if (Files.isDirectory(dataDir) && !isEmpty(dataDir)) {
      throw new IllegalStateException("data dir " + dataDir + " is not empty: the first run would not be cold");
    }
    List<StartupSample> samples = new ArrayList<>();
    try (var probe = new ReadinessProbe(ReadinessProbe.DEFAULT_INTERVAL)) {
      for (int run = 0; run <= options.warmRuns(); run++) {
        StartupSample sample = once(run, dataDir, probe);
        out.printf(Locale.ROOT, "run %d (%s): ready in %.2f s, RSS %.1f MiB, PSS of %d processes %.1f MiB, stop: %s%n",
            run, sample.cold() ? "cold" : "warm", sample.ready().toNanos() / 1e9, sample.rssKiB() / 1024.0,
            sample.processes(), sample.treePssKiB() / 1024.0, StartupReport.stopText(sample));
        samples.add(sample);
      }
    } finally {
      if (options.dataDir() == null && !options.keepData()) {
        deleteTree(dataDir);
      } else {
        out.println("data kept in " + dataDir);
      }
    }
    return new StartupReport(samples.getFirst(), samples.subList(1, samples.size()), options.settle());
  }

  private StartupSample once(int run, Path dataDir, ReadinessProbe probe) throws IOException, InterruptedException {
    int port = FreePort.pick();
    List<String> command = LaunchCommand.expand(options.command(),
        Map.of("java", LaunchCommand.currentJava(), "jar", options.serverJar().toString(),
            "port", Integer.toString(port), "dataDir", dataDir.toString()),
        options.serverArgs());
    Map<String, String> env = new HashMap<>(options.env());
    env.put(StartupOptions.PORT_ENV, Integer.toString(port));
    env.put(StartupOptions.DATA_DIR_ENV, dataDir.toString());
    if (run == 0) {
      out.println("launching: " + String.join(" ", command));
      out.println("data dir " + dataDir + ", logs in " + options.logDir());
    }
    try (var server = ChildProcess.start(command, env, options.logDir().resolve("startup-run-" + run + ".log"))) {
      URI readiness = URI.create("http://127.0.0.1:" + port + options.readinessPath());
      long readyAt = probe.await(readiness, ReadinessProbe.statusUp(), server, options.readyTimeout());
      var ready = java.time.Duration.ofNanos(readyAt - server.startNanos());
      Thread.sleep(options.settle());
      long rss = ProcMemory.rssKiB(server.pid()).orElse(0);
      List<ProcessHandle> family = ProcessFamily.of(server.handle(), dataDir);
      long treeRss = ProcMemory.sumRssKiB(family);
      long treePss = ProcMemory.sumPssKiB(family);
      ChildProcess.Ending ending = server.stop(options.stopGrace());
      int leftovers = killLeftovers(dataDir);
      return new StartupSample(run, run == 0, ready, rss, treeRss, treePss, family.size(), ending, leftovers);
    }
  }

  /**
   * A process still running from the data directory would hold it for the next run and outlive
   * the benchmark, so it is stopped here, and counted, because the server should have stopped it.
   */
  private int killLeftovers(Path dataDir) throws InterruptedException {
    List<ProcessHandle> left = ProcessFamily.leftFrom(dataDir);
    if (left.isEmpty()) {
      return 0;
    }
    out.println("WARNING: " + left.size() + " process(es) still running from " + dataDir
        + " after the server stopped (pids " + left.stream().map(p -> Long.toString(p.pid())).toList() + "); stopping them");
    left.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + options.stopGrace().toNanos();
    for (ProcessHandle p : left) {
      while (p.isAlive() && System.nanoTime() - deadline < 0) {
        Thread.sleep(50);
      }
      p.destroyForcibly();
    }
    return left.size();
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
