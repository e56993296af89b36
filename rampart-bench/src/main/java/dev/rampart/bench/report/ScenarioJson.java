package dev.rampart.bench.report;

import dev.rampart.bench.load.LatencySummary;
import dev.rampart.bench.load.ScenarioResult;
import java.time.Duration;

/** One scenario as one JSON line; field names are stable, because scripts compare runs with them. */
public final class ScenarioJson {

  private ScenarioJson() {}

  public static String of(String benchmark, ScenarioResult r) {
    Json cpu = new Json();
    r.cpu().forEach((label, time) -> cpu.put(label, seconds(time)));
    Json json =
        new Json()
            .put("benchmark", benchmark)
            .put("scenario", r.name())
            .put("url", r.url())
            .put("streaming", r.streaming())
            .put("concurrency", r.concurrency())
            .put("window_s", seconds(r.window()))
            .put("completed", r.completed())
            .put("succeeded", r.succeeded())
            .put("throughput_rps", r.throughput())
            .putCounts("errors", r.errors())
            .put("latency_ms", latency(r.total()))
            .put("headers_ms", latency(r.headers()));
    if (r.firstEvent() != null) {
      json.put("first_event_ms", latency(r.firstEvent()));
    }
    return json.put("cpu_s", cpu).toString();
  }

  static Json latency(LatencySummary s) {
    return new Json()
        .put("count", s.count())
        .put("p50", s.p50())
        .put("p90", s.p90())
        .put("p99", s.p99())
        .put("max", s.max())
        .put("mean", s.mean());
  }

  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
