package dev.rampart.bench.auth;

import dev.rampart.bench.load.ScenarioResult;
import dev.rampart.bench.report.Json;
import dev.rampart.bench.report.ScenarioJson;
import dev.rampart.bench.report.ScenarioTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The figures of issue #4's two targets, from the scenarios of one run: (a) what authentication and
 * authorization add to a cheap GET, as the throughput ratio and the CPU per request of the same
 * requests against the server with and without them; (b) refresh rotations per second. It also
 * carries the scenarios of any other two-server comparison (a {@link Profile}), whose own report
 * reads them with its own target.
 *
 * @param context what the Markdown block says before the tables (command, date, load, servers)
 */
public record AuthReport(String path, List<Comparison> overhead, List<Refresh> refresh, String context)
    implements BenchReport {

  /** Target (a): the secured endpoint keeps at least this share of the unsecured throughput. */
  public static final double RATIO_TARGET = 0.75;
  /** Target (a): at most this much CPU per request, server and database together, in microseconds. */
  public static final double ADDED_CPU_TARGET_MICROS = 50;
  /** Target (b): refreshes per second on the two cores. */
  public static final double REFRESH_TARGET = 1000;

  public AuthReport {
    overhead = List.copyOf(overhead);
    refresh = List.copyOf(refresh);
  }

  /** The rounds at one concurrency: the same GET against the server with security off and on. */
  public record Comparison(int concurrency, List<ScenarioResult> off, List<ScenarioResult> on) {

    public Comparison {
      off = List.copyOf(off);
      on = List.copyOf(on);
    }

    public double ratio() {
      double off = throughput(this.off);
      return off == 0 ? 0 : throughput(on) / off;
    }

    /** Server CPU per request with security on, minus the same without. */
    public double addedServerMicros() {
      return micros(on, "server") - micros(off, "server");
    }

    /** Server and database CPU per request with security on, minus the same without. */
    public double addedMicros() {
      return micros(on, "server") + micros(on, "db") - micros(off, "server") - micros(off, "db");
    }

    public long errors() {
      return Stream.concat(off.stream(), on.stream()).mapToLong(ScenarioResult::errorCount).sum();
    }

    public boolean met() {
      return errors() == 0 && !on.isEmpty() && ratio() >= RATIO_TARGET && addedMicros() <= ADDED_CPU_TARGET_MICROS;
    }
  }

  /** One refresh scenario and how many times its workers had to sign in again after an error. */
  public record Refresh(ScenarioResult result, long restarts) {

    public boolean met() {
      return result.errorCount() == 0 && restarts == 0 && result.throughput() >= REFRESH_TARGET;
    }
  }

  /** Successful requests per second over all the rounds' measured windows together. */
  public static double throughput(List<ScenarioResult> results) {
    long ok = results.stream().mapToLong(ScenarioResult::succeeded).sum();
    double seconds = results.stream().mapToLong(r -> r.window().toNanos()).sum() / 1e9;
    return seconds == 0 ? 0 : ok / seconds;
  }

  /** CPU time of {@code label} over all the rounds, per successful request, in microseconds. */
  public static double micros(List<ScenarioResult> results, String label) {
    long ok = results.stream().mapToLong(ScenarioResult::succeeded).sum();
    long nanos = results.stream().mapToLong(r -> r.cpu().getOrDefault(label, Duration.ZERO).toNanos()).sum();
    return ok == 0 ? 0 : nanos / 1e3 / ok;
  }

  public boolean overheadMet() {
    return !overhead.isEmpty() && overhead.stream().allMatch(Comparison::met);
  }

  /** At least one level reaches the target, and no level had an error. */
  public boolean refreshMet() {
    return refresh.stream().anyMatch(Refresh::met)
        && refresh.stream().allMatch(r -> r.result().errorCount() == 0 && r.restarts() == 0);
  }

  public List<ScenarioResult> all() {
    List<ScenarioResult> all = new ArrayList<>();
    overhead.forEach(c -> {
      all.addAll(c.off());
      all.addAll(c.on());
    });
    refresh.forEach(r -> all.add(r.result()));
    return all;
  }

  @Override
  public String markdown() {
    StringBuilder out = new StringBuilder(context.strip()).append("\n\n");
    if (!overhead.isEmpty()) {
      out.append(String.format(Locale.ROOT,
          "**(a) Authentication + authorization on `GET %s`**: the same requests (with the same bearer token) against the "
              + "server with security off and on, alternating; target on/off ≥ %.2f and at most %.0f µs more CPU per request. "
              + "%s.%n%n", path, RATIO_TARGET, ADDED_CPU_TARGET_MICROS, overheadMet() ? "Met" : "Missed"));
      out.append("| concurrency | rounds | off req/s | on req/s | on/off | server CPU µs/req off | on | added "
          + "| DB CPU µs/req off | on | added server + DB | driver CPU µs/req on | errors | target |\n");
      out.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
      for (Comparison c : overhead) {
        out.append(String.format(Locale.ROOT,
            "| %d | %d | %.0f | %.0f | %.2f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %s |%n",
            c.concurrency(), c.on().size(), throughput(c.off()), throughput(c.on()), c.ratio(),
            micros(c.off(), "server"), micros(c.on(), "server"), c.addedServerMicros(),
            micros(c.off(), "db"), micros(c.on(), "db"), c.addedMicros(), micros(c.on(), "driver"), c.errors(),
            c.met() ? "met" : "missed"));
      }
      out.append('\n');
    }
    if (!refresh.isEmpty()) {
      out.append(String.format(Locale.ROOT,
          "**(b) `POST %s`**, one refresh-token family per worker, each refresh sending the token the previous one "
              + "returned; target ≥ %,.0f/s with no errors. %s.%n%n",
          RefreshConversation.REFRESH_PATH, REFRESH_TARGET, refreshMet() ? "Met" : "Missed"));
      out.append("| concurrency | ok | req/s | p50 ms | p99 ms | errors | sign-ins after an error "
          + "| server CPU µs/req | DB CPU µs/req | driver CPU µs/req |\n");
      out.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
      for (Refresh r : refresh) {
        ScenarioResult s = r.result();
        out.append(String.format(Locale.ROOT, "| %d | %d | %.0f | %.2f | %.2f | %d | %d | %.1f | %.1f | %.1f |%n",
            s.concurrency(), s.succeeded(), s.throughput(), s.total().p50(), s.total().p99(), s.errorCount(),
            r.restarts(), micros(List.of(s), "server"), micros(List.of(s), "db"), micros(List.of(s), "driver")));
      }
      out.append('\n');
    }
    out.append("Every scenario (CPU seconds during each measured window):\n\n").append(ScenarioTable.markdown(all()));
    return out.toString();
  }

  @Override
  public List<String> jsonLines() {
    List<String> lines = new ArrayList<>(all().stream().map(r -> ScenarioJson.of("auth", r)).toList());
    Json overheadJson = new Json();
    for (Comparison c : overhead) {
      overheadJson.put("c" + c.concurrency(), new Json()
          .put("rounds", c.on().size())
          .put("off_rps", throughput(c.off()))
          .put("on_rps", throughput(c.on()))
          .put("ratio", c.ratio())
          .put("server_us_off", micros(c.off(), "server"))
          .put("server_us_on", micros(c.on(), "server"))
          .put("db_us_off", micros(c.off(), "db"))
          .put("db_us_on", micros(c.on(), "db"))
          .put("added_us", c.addedMicros())
          .put("errors", c.errors())
          .put("met", c.met()));
    }
    Json refreshJson = new Json();
    for (Refresh r : refresh) {
      refreshJson.put("c" + r.result().concurrency(), new Json()
          .put("rps", r.result().throughput())
          .put("p50_ms", r.result().total().p50())
          .put("p99_ms", r.result().total().p99())
          .put("errors", r.result().errorCount())
          .put("restarts", r.restarts())
          .put("met", r.met()));
    }
    lines.add(new Json().put("benchmark", "auth-summary").put("path", path)
        .put("overhead", overheadJson).put("overhead_met", overheadMet())
        .put("refresh", refreshJson).put("refresh_met", refreshMet()).toString());
    return lines;
  }
}
