package dev.rampart.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.bench.load.LatencySummary;
import dev.rampart.bench.load.ScenarioResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioJsonTest {

  private final ScenarioResult result = new ScenarioResult(
      "chat \"quoted\"", "http://127.0.0.1:1/v1", true, 64, Duration.ofSeconds(2), 210,
      Map.of("http_500", 10L), Map.of("http_500", "HTTP 500"), new LatencySummary(200, 1.5, 2, 3, 4, 1.75),
      new LatencySummary(200, 0.5, 1, 1, 1, 0.5), new LatencySummary(200, 0.75, 1, 1, 1, 0.7),
      Map.of("sim", Duration.ofMillis(1500), "driver", Duration.ofMillis(500)));

  @Test
  void oneLineWithStableFieldNamesAndThroughputOfSuccessesOnly() {
    String json = ScenarioJson.of("sim-baseline", result);

    assertThat(json).doesNotContain("\n");
    assertThat(json).startsWith("{\"benchmark\":\"sim-baseline\",\"scenario\":\"chat \\\"quoted\\\"\"");
    assertThat(json).contains(
        "\"concurrency\":64", "\"completed\":210", "\"succeeded\":200", "\"throughput_rps\":100.000",
        "\"errors\":{\"http_500\":10}", "\"latency_ms\":{\"count\":200,\"p50\":1.500",
        "\"first_event_ms\":{", "\"cpu_s\":{\"driver\":0.500,\"sim\":1.500}");
  }

  @Test
  void tableShowsTimeToFirstEventForStreamsAndListsErrors() {
    String text = ScenarioTable.text(List.of(result));

    assertThat(text).contains("ttfb p50", "http_500=10", "first http_500: HTTP 500", "driver 0.5 sim 1.5");
    assertThat(ScenarioTable.markdown(List.of(result))).contains("| chat \"quoted\" | 64 | 200 | 100.0 | 10 {http_500=10} |");
  }

  @Test
  void controlCharactersAreEscaped() {
    assertThat(Json.quote("a\nb\t\u0001")).isEqualTo("\"a\\nb\\t\\u0001\"");
  }
}
