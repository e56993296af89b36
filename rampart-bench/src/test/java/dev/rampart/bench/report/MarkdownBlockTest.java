package dev.rampart.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownBlockTest {

  @Test
  void replacesOnlyTheMarkedRegionAndKeepsTheProseAround() {
    String doc = "# Benchmarks\nintro\n" + MarkdownBlock.begin("sim") + "\n_pending_\n" + MarkdownBlock.end("sim") + "\nafter\n";

    String updated = MarkdownBlock.replace(doc, "sim", "| a | b |\n");

    assertThat(updated).isEqualTo(
        "# Benchmarks\nintro\n" + MarkdownBlock.begin("sim") + "\n| a | b |\n" + MarkdownBlock.end("sim") + "\nafter\n");
  }

  @Test
  void otherBlocksAreUntouched() {
    String doc = MarkdownBlock.begin("sim") + "\nold\n" + MarkdownBlock.end("sim") + "\n"
        + MarkdownBlock.begin("sim-quick") + "\nsmoke\n" + MarkdownBlock.end("sim-quick") + "\n";

    String updated = MarkdownBlock.replace(doc, "sim-quick", "new smoke");

    assertThat(updated).contains("\nold\n", "\nnew smoke\n").doesNotContain("\nsmoke\n");
  }

  @Test
  void aMissingBlockIsAppendedAndAMissingFileCreated(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sub/results.md");

    MarkdownBlock.write(file, "startup", "cold 5 s");
    MarkdownBlock.write(file, "startup", "cold 4 s");

    assertThat(Files.readString(file))
        .isEqualTo(MarkdownBlock.begin("startup") + "\ncold 4 s\n" + MarkdownBlock.end("startup") + "\n");
  }
}
