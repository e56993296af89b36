package dev.rampart.bench.sim;

import dev.rampart.bench.load.CpuWatch;
import dev.rampart.bench.load.LoadDriver;
import dev.rampart.bench.load.LoadOptions;
import dev.rampart.bench.load.ScenarioResult;
import dev.rampart.bench.process.ChildProcess;
import dev.rampart.bench.process.FreePort;
import dev.rampart.bench.process.LaunchCommand;
import dev.rampart.bench.process.ProcMemory;
import dev.rampart.bench.process.ReadinessProbe;
import dev.rampart.bench.report.JsonLinesFile;
import dev.rampart.bench.report.MarkdownBlock;
import dev.rampart.bench.report.RunContext;
import dev.rampart.bench.report.ScenarioJson;
import dev.rampart.bench.report.ScenarioTable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starts the simulator alone, waits for its health URL, and runs every chat scenario against it
 * with the simulator's and the driver's CPU time recorded per scenario.
 */
public final class SimBaseline {

  private final SimBaselineOptions options;
  private final PrintStream out;

  public SimBaseline(SimBaselineOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Throws IllegalStateException when the simulator is missing or does not become healthy. */
  public List<ScenarioResult> run(RunContext context) throws IOException, InterruptedException {
    if (options.command().contains("{jar}") && !Files.exists(options.simJar())) {
      throw new IllegalStateException("simulator jar not found: " + options.simJar().toAbsolutePath()
          + " (build it with: mvn -pl rampart-llm-sim package, or pass --sim-jar / --sim-command)");
    }
    int port = FreePort.pick();
    List<String> command = LaunchCommand.expand(options.command(),
        Map.of("java", LaunchCommand.currentJava(), "jar", options.simJar().toString(), "port", Integer.toString(port)),
        options.simArgs());
    out.println("starting simulator: " + String.join(" ", command));
    List<ScenarioResult> results = new ArrayList<>();
    try (var sim = ChildProcess.start(command, Map.of(), options.logDir().resolve("sim-" + port + ".log"));
        var probe = new ReadinessProbe(ReadinessProbe.DEFAULT_INTERVAL)) {
      URI base = URI.create("http://127.0.0.1:" + port);
      long readyAt = probe.await(base.resolve(options.healthPath()), ReadinessProbe.ok(), sim, options.readyTimeout());
      out.printf(Locale.ROOT, "simulator pid %d ready in %.2f s; log %s%n",
          sim.pid(), (readyAt - sim.startNanos()) / 1e9, sim.log());
      var driver = new LoadDriver();
      List<CpuWatch> watched = List.of(CpuWatch.driver(), CpuWatch.of("sim", sim.handle()));
      for (int concurrency : options.concurrencies()) {
        for (boolean stream : new boolean[] {false, true}) {
          ScenarioResult result = driver.run(scenario(base, concurrency, stream), watched);
          out.print(ScenarioTable.text(List.of(result)));
          results.add(result);
        }
      }
      Duration simCpu = sim.handle().info().totalCpuDuration().orElse(Duration.ZERO);
      long rssKiB = ProcMemory.rssKiB(sim.pid()).orElse(0);
      ChildProcess.Ending ending = sim.stop(Duration.ofSeconds(10));
      report(context, results, String.join(" ", command), simCpu, rssKiB, ending);
    }
    return results;
  }

  LoadOptions scenario(URI base, int concurrency, boolean stream) {
    return LoadOptions.builder(base.resolve("/v1/chat/completions"))
        .name(stream ? "chat completions, stream" : "chat completions")
        .body(ChatCompletionBody.of(options.model(), options.message(), stream).getBytes(StandardCharsets.UTF_8))
        .streaming(stream)
        .concurrency(concurrency)
        .warmup(options.warmup())
        .duration(options.duration())
        .maxRequests(options.requests())
        .requestTimeout(options.requestTimeout())
        .build();
  }

  private void report(RunContext context, List<ScenarioResult> results, String simCommand, Duration simCpu,
      long rssKiB, ChildProcess.Ending ending) throws IOException {
    String simLine = String.format(Locale.ROOT,
        "Simulator: `%s`; %.1f s CPU over the whole run, RSS %.1f MiB at the end, stop: %s.%n",
        simCommand, simCpu.toNanos() / 1e9, rssKiB / 1024.0, ending.name().toLowerCase(Locale.ROOT));
    out.println();
    out.print(ScenarioTable.text(results));
    out.print(simLine);
    List<String> jsonLines = results.stream().map(r -> ScenarioJson.of("sim-baseline", r)).toList();
    jsonLines.forEach(out::println);
    if (options.json() != null) {
      JsonLinesFile.append(options.json(), jsonLines);
    }
    String title = options.quick() ? "**smoke run (quick)** — not a figure to quote\n\n" : "";
    MarkdownBlock.write(options.markdown(), options.blockId(),
        title + context.markdown() + simLine + "\n" + ScenarioTable.markdown(results));
    out.println("wrote block '" + options.blockId() + "' in " + options.markdown());
  }
}
