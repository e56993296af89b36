package dev.rampart.bench.startup;

import dev.rampart.bench.report.Json;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Cold and warm start-up figures and idle memory, as a table, a JSON line and Markdown. */
public record StartupReport(StartupSample cold, List<StartupSample> warm, Duration settle) {

  public StartupReport {
    warm = List.copyOf(warm);
  }

  public @Nullable Duration warmMedian() {
    return warm.isEmpty() ? null : Duration.ofNanos(median(warm, s -> s.ready().toNanos()));
  }

  public @Nullable Duration warmMin() {
    return warm.stream().map(StartupSample::ready).min(Comparator.naturalOrder()).orElse(null);
  }

  public @Nullable Duration warmMax() {
    return warm.stream().map(StartupSample::ready).max(Comparator.naturalOrder()).orElse(null);
  }

  /** Median JVM RSS over every run, cold included: the idle footprint does not depend on data. */
  public long medianRssKiB() {
    return median(all(), StartupSample::rssKiB);
  }

  public long medianTreePssKiB() {
    return median(all(), StartupSample::treePssKiB);
  }

  /** The middle value, or the mean of the two middle values for an even count. */
  static long median(List<StartupSample> samples, ToLongFunction<StartupSample> value) {
    long[] sorted = samples.stream().mapToLong(value).sorted().toArray();
    if (sorted.length == 0) {
      return 0;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  List<StartupSample> all() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(cold), warm.stream()).toList();
  }

  public String summary() {
    String warmText = warm.isEmpty() ? "no warm runs"
        : String.format(Locale.ROOT, "warm median %.2f s (min %.2f, max %.2f, %d %s)",
            seconds(warmMedian()), seconds(warmMin()), seconds(warmMax()), warm.size(), warm.size() == 1 ? "run" : "runs");
    return String.format(Locale.ROOT,
        "cold %.2f s; %s; idle RSS %.1f MiB (JVM, median), %.1f MiB PSS with the processes it started, after %d s idle",
        seconds(cold.ready()), warmText, mib(medianRssKiB()), mib(medianTreePssKiB()), settle.toSeconds());
  }

  public String markdown() {
    String rows = all().stream()
        .map(s -> String.format(Locale.ROOT, "| %d | %s | %.2f | %.1f | %.1f | %.1f | %s |",
            s.run(), s.cold() ? "cold" : "warm", seconds(s.ready()), mib(s.rssKiB()), mib(s.treeRssKiB()),
            mib(s.treePssKiB()), stopText(s)))
        .collect(Collectors.joining("\n"));
    return summary() + ".\n\n"
        + "| run | kind | launch → ready s | RSS JVM MiB | RSS family MiB | PSS family MiB | stop |\n"
        + "|--:|---|--:|--:|--:|--:|---|\n"
        + rows + "\n";
  }

  public String json() {
    Json json = new Json().put("benchmark", "startup").put("cold_s", seconds(cold.ready()));
    if (!warm.isEmpty()) {
      json.put("warm_s", new Json()
          .put("runs", warm.size())
          .put("median", seconds(warmMedian()))
          .put("min", seconds(warmMin()))
          .put("max", seconds(warmMax())));
    }
    return json.put("settle_s", settle.toSeconds())
        .put("rss_kib_median", medianRssKiB())
        .put("tree_pss_kib_median", medianTreePssKiB())
        .put("cold_rss_kib", cold.rssKiB())
        .put("leftover_processes", leftovers())
        .toString();
  }

  /** How the run ended, e.g. {@code terminated} or {@code terminated, 9 left running (killed)}. */
  static String stopText(StartupSample s) {
    String ending = s.ending().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return s.leftovers() == 0 ? ending : ending + ", " + s.leftovers() + " left running (killed)";
  }

  public int leftovers() {
    return all().stream().mapToInt(StartupSample::leftovers).sum();
  }

  private static double seconds(@Nullable Duration d) {
    return d == null ? Double.NaN : d.toNanos() / 1e9;
  }

  private static double mib(long kib) {
    return kib / 1024.0;
  }
}
