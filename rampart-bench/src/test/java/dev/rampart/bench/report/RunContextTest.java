package dev.rampart.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunContextTest {

  @Test
  void theRecordedCommandCanBePastedBackIntoAShell() {
    RunContext context = RunContext.of("http", List.of("--url", "http://127.0.0.1:8080/x", "--header", "X-A: it's"));

    assertThat(context.command()).isEqualTo(
        "java -jar rampart-bench/target/rampart-bench.jar http --url http://127.0.0.1:8080/x --header 'X-A: it'\\''s'");
    assertThat(context.markdown()).contains("cores, JDK ");
  }
}
