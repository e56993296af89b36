package dev.rampart.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.bench.cli.Flags;
import dev.rampart.bench.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpCommandTest {

  private final HttpCommand command = new HttpCommand();

  private LoadOptions options(String... args) throws IOException {
    return HttpCommand.options(new Flags(command.flags()).parse(List.of(args)));
  }

  @Test
  void aBodyMakesItAPostAndQuickShortensTheWindows() throws IOException {
    LoadOptions o = options("--url", "http://127.0.0.1:9/v1/x", "--body", "{}", "--quick", "--concurrency", "1000");

    assertThat(o.method()).isEqualTo("POST");
    assertThat(o.name()).isEqualTo("POST /v1/x");
    assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.clients()).isEqualTo(4);
  }

  @Test
  void explicitDurationsWinOverQuick() throws IOException {
    LoadOptions o = options("--url", "http://127.0.0.1:9/", "--quick", "--duration", "10s");

    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void bodyFileAndHeadersAreRead(@TempDir Path dir) throws IOException {
    Path body = Files.writeString(dir.resolve("body.json"), "{\"a\":1}");

    LoadOptions o = options("--url", "http://127.0.0.1:9/", "--body-file", body.toString(), "--header", "X-Tenant: t1", "--method", "put");

    assertThat(new String(o.body())).isEqualTo("{\"a\":1}");
    assertThat(o.headers()).containsExactly(new Header("X-Tenant", "t1"));
    assertThat(o.method()).isEqualTo("PUT");
  }

  @Test
  void clearErrorsForBadCombinations() {
    assertThatThrownBy(() -> options("--url", "ftp://host/"))
        .isInstanceOf(UsageException.class).hasMessageContaining("http or https");
    assertThatThrownBy(() -> options("--url", "http://h/", "--body", "a", "--body-file", "b"))
        .isInstanceOf(UsageException.class).hasMessage("give --body or --body-file, not both");
    assertThatThrownBy(() -> options("--url", "http://h/", "--header", "NoColon"))
        .isInstanceOf(UsageException.class).hasMessageStartingWith("--header: expected a header like");
    assertThatThrownBy(() -> options("--url", "http://h/", "--concurrency", "2", "--clients", "3"))
        .isInstanceOf(UsageException.class).hasMessageContaining("clients must be 1..concurrency");
    assertThatThrownBy(() -> options("--url", "http://h/", "--body-file", "/no/such/file"))
        .isInstanceOf(UsageException.class).hasMessageStartingWith("--body-file: cannot read");
  }

  @Test
  void headersTheJdkClientOwnsAreRejectedBeforeAnyLoad() throws IOException {
    LoadOptions o = options("--url", "http://127.0.0.1:9/", "--header", "Connection: close");

    assertThatThrownBy(() -> RequestTemplate.of(o)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clientsGrowWithConcurrencyUpToACap() {
    assertThat(LoadOptions.defaultClients(1)).isEqualTo(1);
    assertThat(LoadOptions.defaultClients(64)).isEqualTo(1);
    assertThat(LoadOptions.defaultClients(1000)).isEqualTo(4);
    assertThat(LoadOptions.defaultClients(10_000)).isEqualTo(LoadOptions.MAX_CLIENTS);
  }
}
