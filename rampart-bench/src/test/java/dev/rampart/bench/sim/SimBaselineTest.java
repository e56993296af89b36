package dev.rampart.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.bench.load.ScenarioResult;
import dev.rampart.bench.report.MarkdownBlock;
import dev.rampart.bench.report.RunContext;
import dev.rampart.bench.standin.StandIn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole baseline against a stand-in simulator process, bounded by request count. */
class SimBaselineTest {

  @TempDir Path dir;

  @Test
  void runsPlainAndStreamingAtEachConcurrencyAndWritesTheQuickBlock() throws Exception {
    Path markdown = Files.writeString(dir.resolve("BENCHMARKS.md"), "# Benchmarks\n\n"
        + MarkdownBlock.begin("sim-baseline") + "\n_pending_\n" + MarkdownBlock.end("sim-baseline") + "\n");
    Path json = dir.resolve("results.jsonl");
    var options = new SimBaselineOptions(
        Path.of(StandIn.classPath()), "{java} -cp {jar} " + StandIn.mainClass() + " --port {port}", List.of(),
        SimBaselineOptions.DEFAULT_HEALTH_PATH, List.of(1, 4), Duration.ZERO, Duration.ofSeconds(60), 30,
        Duration.ofSeconds(10), "sim-echo", "hi", Duration.ofSeconds(60), markdown, json, dir.resolve("logs"), true);
    var output = new ByteArrayOutputStream();

    List<ScenarioResult> results =
        new SimBaseline(options, new PrintStream(output, true)).run(RunContext.of("sim-baseline", List.of("--quick")));

    assertThat(results).extracting(ScenarioResult::concurrency).containsExactly(1, 1, 4, 4);
    assertThat(results).extracting(ScenarioResult::streaming).containsExactly(false, true, false, true);
    assertThat(results).allSatisfy(r -> {
      assertThat(r.completed()).isEqualTo(30);
      assertThat(r.errors()).isEmpty();
      assertThat(r.cpu()).containsKeys("driver", "sim");
    });
    assertThat(Files.readAllLines(json)).hasSize(4).allSatisfy(line -> assertThat(line).startsWith("{\"benchmark\":\"sim-baseline\""));
    assertThat(Files.readString(markdown))
        .contains("_pending_", MarkdownBlock.begin("sim-baseline-quick"), "smoke run (quick)", "| chat completions, stream | 4 | 30 |");
  }

  @Test
  void theRequestIsAMinimalOpenAiChatCompletion() {
    assertThat(ChatCompletionBody.of("sim-echo", "say \"hi\"", true)).isEqualTo(
        "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"hi\\\"\"}],\"stream\":true}");
  }
}
