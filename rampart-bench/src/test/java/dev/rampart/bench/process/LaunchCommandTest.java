package dev.rampart.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchCommandTest {

  @Test
  void fillsPlaceholdersInsideTokensAndAppendsExtraArgumentsVerbatim() {
    List<String> command = LaunchCommand.expand("{java} -Xmx256m -jar {jar} --server.port={port}",
        Map.of("java", "/jdk/bin/java", "jar", "sim.jar", "port", "4711"), List.of("--latency", "0 ms"));

    assertThat(command).containsExactly(
        "/jdk/bin/java", "-Xmx256m", "-jar", "sim.jar", "--server.port=4711", "--latency", "0 ms");
  }

  @Test
  void quotesKeepSpacesInsideOneArgumentAndAreDropped() {
    List<String> command = LaunchCommand.expand("{java}  '-Dlimit=600/1m burst 100' -Dname=\"a 'b'\" x''y -jar {jar}",
        Map.of("java", "j", "jar", "server.jar"), List.of());

    assertThat(command).containsExactly("j", "-Dlimit=600/1m burst 100", "-Dname=a 'b'", "xy", "-jar", "server.jar");
  }

  @Test
  void anUnclosedQuoteIsAnError() {
    assertThatThrownBy(() -> LaunchCommand.expand("{java} '-Dx=a b", Map.of("java", "j"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unclosed '");
  }

  @Test
  void theDisplayQuotesWhatTheTemplateHadToQuote() {
    List<String> command = List.of("j", "-Dlimit=600/1m burst 100", "-Dname=a 'b'", "", "-jar");

    assertThat(LaunchCommand.display(command)).isEqualTo("j '-Dlimit=600/1m burst 100' \"-Dname=a 'b'\" '' -jar");
    assertThat(LaunchCommand.expand(LaunchCommand.display(command), Map.of(), List.of())).isEqualTo(command);
  }

  @Test
  void unknownPlaceholderIsNamed() {
    assertThatThrownBy(() -> LaunchCommand.expand("{java} {jarr}", Map.of("java", "j"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown placeholder {jarr}");
  }

  @Test
  void currentJavaIsAnExecutablePath() {
    assertThat(LaunchCommand.currentJava()).endsWith("java");
  }
}
