package dev.rampart.bench.load;

import dev.rampart.bench.cli.FlagSpec;
import dev.rampart.bench.cli.ParsedFlags;
import dev.rampart.bench.cli.Subcommand;
import dev.rampart.bench.cli.UsageException;
import dev.rampart.bench.report.JsonLinesFile;
import dev.rampart.bench.report.ScenarioJson;
import dev.rampart.bench.report.ScenarioTable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code http}: one closed-loop scenario against any URL. */
public final class HttpCommand implements Subcommand {

  /** {@code --quick}: long enough to see the harness work, too short for a figure to quote. */
  static final Duration QUICK_WARMUP = Duration.ofSeconds(1);

  static final Duration QUICK_DURATION = Duration.ofSeconds(3);

  @Override
  public String name() {
    return "http";
  }

  @Override
  public String summary() {
    return "closed-loop load against one URL at a fixed concurrency";
  }

  @Override
  public List<FlagSpec> flags() {
    return List.of(
        FlagSpec.value("url", "URL", null, "target URL (loopback only in Rampart's benchmarks)"),
        FlagSpec.value("method", "METHOD", null, "HTTP method; default GET, or POST when a body is given"),
        FlagSpec.repeated("header", "'NAME: VALUE'", "request header"),
        FlagSpec.value("body", "TEXT", null, "request body; Content-Type defaults to application/json"),
        FlagSpec.value("body-file", "PATH", null, "request body read from a file"),
        FlagSpec.toggle("stream", "read the answer as SSE to the end; require data: [DONE]"),
        FlagSpec.value("concurrency", "N", Integer.toString(LoadOptions.DEFAULT_CONCURRENCY), "workers, each with one request in flight"),
        FlagSpec.value("warmup", "DURATION", "5s", "load before measuring, not recorded"),
        FlagSpec.value("duration", "DURATION", "15s", "measured window (upper bound when --requests is set)"),
        FlagSpec.value("requests", "N", "0", "stop after N measured requests; 0 = run for --duration"),
        FlagSpec.value("timeout", "DURATION", "30s", "connect and response-headers timeout per request"),
        FlagSpec.value("clients", "N", "auto", "HttpClient instances; auto = one per 250 workers, at most 8"),
        FlagSpec.value("name", "TEXT", null, "scenario name in the output; default 'METHOD /path'"),
        FlagSpec.value("json", "PATH", null, "also append the JSON line to this file"),
        FlagSpec.toggle("quick", "smoke run: 1s warm-up, 3s measured, unless given explicitly"));
  }

  @Override
  public int run(ParsedFlags flags, List<String> rawArgs, PrintStream out) throws InterruptedException, IOException {
    LoadOptions options = options(flags);
    out.printf("%s: %d workers, %s warm-up, %s measured%s%n", options.name(), options.concurrency(),
        options.warmup().toMillis() / 1000.0 + "s", options.duration().toMillis() / 1000.0 + "s",
        options.maxRequests() > 0 ? " or " + options.maxRequests() + " requests" : "");
    ScenarioResult result;
    try {
      result = new LoadDriver().run(options, List.of(CpuWatch.driver()));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    out.print(ScenarioTable.text(List.of(result)));
    String json = ScenarioJson.of("http", result);
    out.println(json);
    Path jsonFile = flags.optionalPath("json");
    if (jsonFile != null) {
      JsonLinesFile.append(jsonFile, List.of(json));
    }
    return 0;
  }

  static LoadOptions options(ParsedFlags flags) throws IOException {
    URI uri;
    try {
      uri = new URI(flags.string("url"));
    } catch (URISyntaxException e) {
      throw new UsageException("--url: not a URL: " + e.getMessage());
    }
    if (flags.has("body") && flags.has("body-file")) {
      throw new UsageException("give --body or --body-file, not both");
    }
    boolean quick = flags.toggle("quick");
    var builder =
        LoadOptions.builder(uri)
            .streaming(flags.toggle("stream"))
            .concurrency(flags.integer("concurrency", 1, LoadOptions.MAX_CONCURRENCY))
            .warmup(quick && !flags.has("warmup") ? QUICK_WARMUP : flags.duration("warmup"))
            .duration(quick && !flags.has("duration") ? QUICK_DURATION : flags.duration("duration"))
            .maxRequests(flags.number("requests", 0, Long.MAX_VALUE))
            .requestTimeout(flags.duration("timeout"));
    if (flags.has("method")) {
      builder.method(flags.string("method").toUpperCase(java.util.Locale.ROOT));
    }
    if (flags.has("name")) {
      builder.name(flags.string("name"));
    }
    if (!flags.string("clients").equals("auto")) {
      builder.clients(flags.integer("clients", 1, LoadOptions.MAX_CONCURRENCY));
    }
    if (flags.has("body")) {
      builder.body(flags.string("body").getBytes(StandardCharsets.UTF_8));
    } else if (flags.has("body-file")) {
      Path file = flags.path("body-file");
      if (!Files.isReadable(file)) {
        throw new UsageException("--body-file: cannot read " + file.toAbsolutePath());
      }
      builder.body(Files.readAllBytes(file));
    }
    for (String header : flags.all("header")) {
      try {
        builder.header(Header.parse(header));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--header: " + e.getMessage());
      }
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
