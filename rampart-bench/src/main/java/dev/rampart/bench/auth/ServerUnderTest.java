package dev.rampart.bench.auth;

import dev.rampart.bench.load.CpuWatch;
import dev.rampart.bench.process.ChildProcess;
import dev.rampart.bench.process.LaunchCommand;
import dev.rampart.bench.process.ProcStat;
import dev.rampart.bench.process.ProcessFamily;
import dev.rampart.bench.process.ReadinessProbe;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One server process of the benchmark with its own data directory, so its embedded PostgreSQL can
 * be told apart from the other server's: the JVM's CPU is {@code server}, the CPU of every process
 * started from its data directory (the postmaster, its backends and workers) is {@code db}. Public
 * for the other subcommands that start the server jar ({@code providers}).
 */
public final class ServerUnderTest implements AutoCloseable {

  private final Check.Side side;
  private final String name;
  private final ChildProcess process;
  private final Path dataDir;
  private final URI base;
  private final String command;

  private ServerUnderTest(Check.Side side, String name, ChildProcess process, Path dataDir, URI base, String command) {
    this.side = side;
    this.name = name;
    this.process = process;
    this.dataDir = dataDir;
    this.base = base;
    this.command = command;
  }

  /** Throws IllegalStateException, with the log's tail, when the server exits or is not ready in time. */
  public static ServerUnderTest start(Check.Side side, String name, List<String> command, Map<String, String> env, int port, Path dataDir,
      Path log, Duration readyTimeout) throws IOException, InterruptedException {
    ChildProcess process = ChildProcess.start(command, env, log);
    URI base = URI.create("http://127.0.0.1:" + port);
    try (var probe = new ReadinessProbe(ReadinessProbe.DEFAULT_INTERVAL)) {
      probe.await(base.resolve("/actuator/health/readiness"), ReadinessProbe.statusUp(), process, readyTimeout);
    } catch (IllegalStateException | InterruptedException e) {
      process.close();
      throw e;
    }
    return new ServerUnderTest(side, name, process, dataDir, base, LaunchCommand.display(command));
  }

  /** The JVM's process id, e.g. for {@code jcmd}. */
  public long pid() {
    return process.pid();
  }

  public Check.Side side() {
    return side;
  }

  /** As the labels say it, e.g. "security on". */
  public String name() {
    return name;
  }

  public URI base() {
    return base;
  }

  public String command() {
    return command;
  }

  public Path log() {
    return process.log();
  }

  /** {@code server}: the JVM; {@code db}: the processes of its data directory, reaped children included. */
  public List<CpuWatch> watches() {
    long jvm = process.pid();
    return List.of(
        CpuWatch.of("server", process.handle()),
        new CpuWatch("db", () -> ProcStat.cpuOf(
            ProcessFamily.of(process.handle(), dataDir).stream().filter(p -> p.pid() != jvm).toList())));
  }

  public ChildProcess.Ending stop(Duration grace) throws InterruptedException {
    ChildProcess.Ending ending = process.stop(grace);
    ProcessFamily.leftFrom(dataDir).forEach(ProcessHandle::destroyForcibly);
    return ending;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop(Duration.ofSeconds(30));
    }
  }
}
