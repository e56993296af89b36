package dev.rampart.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlagsTest {

  private final Flags flags = new Flags(List.of(
      FlagSpec.value("url", "URL", null, "target"),
      FlagSpec.value("concurrency", "N", "64", "workers"),
      FlagSpec.value("warmup", "DURATION", "5s", "warm-up"),
      FlagSpec.value("levels", "N,N", "1,64,1000", "levels"),
      FlagSpec.repeated("header", "H", "header"),
      FlagSpec.repeated("env", "NAME=VALUE", "environment"),
      FlagSpec.toggle("stream", "sse")));

  @Test
  void acceptsSpaceAndEqualsFormsAndFallsBackToDefaults() {
    ParsedFlags parsed = flags.parse(List.of("--url", "http://127.0.0.1:1/x", "--concurrency=8", "--stream"));

    assertThat(parsed.string("url")).isEqualTo("http://127.0.0.1:1/x");
    assertThat(parsed.integer("concurrency", 1, 100)).isEqualTo(8);
    assertThat(parsed.toggle("stream")).isTrue();
    assertThat(parsed.duration("warmup")).isEqualTo(Duration.ofSeconds(5));
    assertThat(parsed.integers("levels", 1, 10_000)).containsExactly(1, 64, 1000);
    assertThat(parsed.has("warmup")).isFalse();
  }

  @Test
  void repeatableFlagsCollectEveryValueInOrder() {
    ParsedFlags parsed = flags.parse(List.of("--header", "A: 1", "--header", "B: 2"));

    assertThat(parsed.all("header")).containsExactly("A: 1", "B: 2");
  }

  @Test
  void assignmentsSplitAtTheFirstEqualsSignAndRefuseAPairWithoutName() {
    ParsedFlags parsed = flags.parse(List.of("--env", "A=1", "--env", "B=x=y", "--env", "C="));

    assertThat(parsed.assignments("env")).containsExactly(
        java.util.Map.entry("A", "1"), java.util.Map.entry("B", "x=y"), java.util.Map.entry("C", ""));
    assertThatThrownBy(() -> flags.parse(List.of("--env", "=1")).assignments("env"))
        .isInstanceOf(UsageException.class).hasMessageContaining("--env: expected NAME=VALUE, got '=1'");
  }

  @Test
  void unknownFlagIsNamedWithASuggestion() {
    assertThatThrownBy(() -> flags.parse(List.of("--concurrenc", "4")))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown flag --concurrenc (did you mean --concurrency?)");
  }

  @Test
  void missingValueAtTheEndOrBeforeAnotherFlagIsAnError() {
    assertThatThrownBy(() -> flags.parse(List.of("--url")))
        .isInstanceOf(UsageException.class)
        .hasMessage("--url needs a value: URL");
    assertThatThrownBy(() -> flags.parse(List.of("--url", "--stream")))
        .isInstanceOf(UsageException.class)
        .hasMessage("--url needs a value: URL");
  }

  @Test
  void singleFlagGivenTwiceIsAnError() {
    assertThatThrownBy(() -> flags.parse(List.of("--url", "a", "--url", "b")))
        .isInstanceOf(UsageException.class)
        .hasMessage("--url given more than once");
  }

  @Test
  void positionalArgumentsAreRejected() {
    assertThatThrownBy(() -> flags.parse(List.of("http://x")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unexpected argument 'http://x'");
  }

  @Test
  void switchTakesNoArbitraryValue() {
    assertThat(flags.parse(List.of("--stream=false")).toggle("stream")).isFalse();
    assertThatThrownBy(() -> flags.parse(List.of("--stream=yes")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--stream is a switch");
  }

  @Test
  void badNumbersAndDurationsNameTheFlagAndTheValue() {
    assertThatThrownBy(() -> flags.parse(List.of("--concurrency", "lots")).integer("concurrency", 1, 100))
        .hasMessage("--concurrency: expected a whole number, got 'lots'");
    assertThatThrownBy(() -> flags.parse(List.of("--concurrency", "0")).integer("concurrency", 1, 100))
        .hasMessage("--concurrency: must be between 1 and 100, got 0");
    assertThatThrownBy(() -> flags.parse(List.of("--warmup", "5 sec")).duration("warmup"))
        .hasMessage("--warmup: expected a duration like 500ms, 5s, 1.5s or 2m, got '5 sec'");
    assertThatThrownBy(() -> flags.parse(List.of("--levels", "1,,64")).integers("levels", 1, 10))
        .hasMessage("--levels: expected a whole number, got ''");
  }

  @Test
  void requiredFlagWithoutDefaultIsReportedWhenRead() {
    assertThatThrownBy(() -> flags.parse(List.of()).string("url"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--url is required");
  }

  @Test
  void usageListsEveryFlagWithItsDefault() {
    assertThat(flags.usage())
        .contains("--concurrency N", "(default: 64)", "--header H", "(repeatable)", "--stream");
  }
}
