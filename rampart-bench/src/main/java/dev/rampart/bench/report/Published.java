package dev.rampart.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Where a finished benchmark's report goes: the console, the JSON-lines file if one was named, and its markdown block. */
public final class Published {

  private Published() {
  }

  /** Prints {@code markdown} and {@code jsonLines}, appends the lines to {@code json}, rewrites block {@code blockId}. */
  public static void report(PrintStream out, String markdown, List<String> jsonLines, @Nullable Path json,
      Path markdownFile, String blockId) throws IOException {
    out.println();
    out.print(markdown);
    jsonLines.forEach(out::println);
    if (json != null) {
      JsonLinesFile.append(json, jsonLines);
    }
    MarkdownBlock.write(markdownFile, blockId, markdown);
    out.println("wrote block '" + blockId + "' in " + markdownFile);
  }
}
