package dev.rampart.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process under test, with its output in a log file (a pipe nobody reads would block it). A
 * shutdown hook kills it if the harness itself is interrupted, so no server outlives a run.
 */
public final class ChildProcess implements AutoCloseable {

  /** How the process ended when asked to stop. */
  public enum Ending { EXITED_ON_ITS_OWN, TERMINATED, KILLED }

  private final Process process;
  private final Path log;
  private final long startNanos;
  private final Thread killOnExit;

  private ChildProcess(Process process, Path log, long startNanos) {
    this.process = process;
    this.log = log;
    this.startNanos = startNanos;
    this.killOnExit = new Thread(this::killTree, "kill-" + process.pid());
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** {@code startNanos} is read just before the fork, so launch-to-ready includes the fork. */
  public static ChildProcess start(List<String> command, Map<String, String> env, Path log) throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    long start = System.nanoTime();
    return new ChildProcess(builder.start(), log, start);
  }

  public long pid() {
    return process.pid();
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long startNanos() {
    return startNanos;
  }

  public Path log() {
    return log;
  }

  /** The last lines of the log, for error messages when the process did not come up. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(log unreadable: " + log + ")";
    }
  }

  /**
   * SIGTERM, then SIGKILL after {@code grace}. Descendants seen before the stop (e.g. an embedded
   * PostgreSQL) are killed too if they outlive the grace, since nothing else would reap them.
   */
  public Ending stop(Duration grace) throws InterruptedException {
    List<ProcessHandle> descendants = process.descendants().toList();
    Ending ending;
    if (!process.isAlive()) {
      ending = Ending.EXITED_ON_ITS_OWN;
    } else {
      process.destroy();
      if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        ending = Ending.TERMINATED;
      } else {
        process.destroyForcibly();
        process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        ending = Ending.KILLED;
      }
    }
    for (ProcessHandle child : descendants) {
      child.onExit().completeOnTimeout(child, grace.toMillis(), TimeUnit.MILLISECONDS).join();
      child.destroyForcibly();
    }
    removeHook();
    return ending;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop(Duration.ofSeconds(10));
    } else {
      removeHook();
    }
  }

  private void killTree() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private void removeHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and the hook is running or about to: nothing to undo.
    }
  }
}
