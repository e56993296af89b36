package dev.rampart.bench.providers;

import dev.rampart.bench.process.LaunchCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's live heap: {@code jcmd <pid> GC.run} (a full, stop-the-world collection under G1,
 * since {@code ExplicitGCInvokesConcurrent} is off by default), twice, then {@code GC.heap_info} and
 * the heap's "used". Chosen over the actuator's {@code jvm.memory.used}: that endpoint is not
 * exposed, a metric read does not force the collection, and it sums pools the collector may not have
 * emptied yet. jcmd needs only the same user and the JDK that runs the harness.
 */
final class HeapProbe {

  private static final Pattern USED = Pattern.compile("\\bused (\\d+)([KMG])\\b");

  private HeapProbe() {}

  /** Bytes in use after full collections, or empty when jcmd could not say (the report shows "?"). */
  static OptionalLong usedAfterFullGc(long pid) throws InterruptedException {
    try {
      jcmd(pid, "GC.run");
      jcmd(pid, "GC.run");
      return parseUsedBytes(jcmd(pid, "GC.heap_info"));
    } catch (IOException | IllegalStateException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * The heap's "used" from {@code GC.heap_info}: G1 prints one line for the heap, Serial and Parallel
   * one per generation (summed), ZGC one; per-space lines print percentages and Metaspace is not heap.
   */
  static OptionalLong parseUsedBytes(String heapInfo) {
    long total = 0;
    boolean found = false;
    for (String line : heapInfo.split("\\R")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.contains("metaspace") || lower.contains("class space")) {
        continue;
      }
      Matcher m = USED.matcher(line);
      if (m.find()) {
        long value = Long.parseLong(m.group(1));
        total += switch (m.group(2)) {
          case "K" -> value << 10;
          case "M" -> value << 20;
          default -> value << 30;
        };
        found = true;
      }
    }
    return found ? OptionalLong.of(total) : OptionalLong.empty();
  }

  /**
   * The header and first {@code count} rows of {@code GC.class_histogram} (instances and bytes per
   * class, largest first), printed beside each reading to show what the heap holds; empty when jcmd
   * fails.
   */
  static List<String> largestClasses(long pid, int count) throws InterruptedException {
    try {
      return jcmd(pid, "GC.class_histogram").lines().filter(l -> !l.isBlank()).skip(1).limit(count + 2L).toList();
    } catch (IOException | IllegalStateException e) {
      return List.of();
    }
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(LaunchCommand.currentJava()).resolveSibling("jcmd");
    Process process = new ProcessBuilder(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid),
        command)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output.strip());
    }
    return output;
  }
}
