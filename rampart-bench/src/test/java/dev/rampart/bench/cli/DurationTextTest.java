package dev.rampart.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

  @Test
  void parsesTheUnitsPeopleType() {
    assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("15s")).isEqualTo(Duration.ofSeconds(15));
    assertThat(DurationText.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationText.parse("7")).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void rejectsNegativeAndUnitlessGarbage() {
    assertThatThrownBy(() -> DurationText.parse("-1s")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DurationText.parse("5 days")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatsTheShortestExactForm() {
    assertThat(DurationText.format(Duration.ofSeconds(15))).isEqualTo("15s");
    assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationText.format(Duration.ofMinutes(2))).isEqualTo("2m");
  }
}
