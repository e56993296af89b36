package dev.rampart.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated region of a Markdown file, between {@code <!-- bench:ID:begin -->} and {@code <!--
 * bench:ID:end -->}. Writing replaces only that region, so hand-written text around it survives;
 * a file without the markers gets the block appended.
 */
public final class MarkdownBlock {

  private MarkdownBlock() {}

  public static String begin(String id) {
    return "<!-- bench:" + id + ":begin -->";
  }

  public static String end(String id) {
    return "<!-- bench:" + id + ":end -->";
  }

  /** The new text of {@code document} with block {@code id} set to {@code content}. */
  public static String replace(String document, String id, String content) {
    String begin = begin(id);
    String end = end(id);
    String block = begin + "\n" + content.strip() + "\n" + end;
    int from = document.indexOf(begin);
    int to = from < 0 ? -1 : document.indexOf(end, from);
    if (from < 0 || to < 0) {
      String separator = document.isEmpty() || document.endsWith("\n\n") ? "" : document.endsWith("\n") ? "\n" : "\n\n";
      return document + separator + block + "\n";
    }
    return document.substring(0, from) + block + document.substring(to + end.length());
  }

  public static void write(Path file, String id, String content) throws IOException {
    String document = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, replace(document, id, content), StandardCharsets.UTF_8);
  }
}
