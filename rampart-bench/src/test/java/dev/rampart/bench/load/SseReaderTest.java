package dev.rampart.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SseReaderTest {

  private final AtomicLong ticks = new AtomicLong(100);
  private final SseReader reader = new SseReader(ticks::incrementAndGet);

  private SseStream read(String body) throws IOException {
    return reader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void streamEndingWithDoneIsCompleted() throws IOException {
    SseStream s = read("data: {\"a\":1}\n\ndata: {\"a\":2}\n\ndata: [DONE]\n\n");

    assertThat(s.completed()).isTrue();
    assertThat(s.events()).isEqualTo(2);
    assertThat(s.firstEventNanos()).isEqualTo(101);
  }

  @Test
  void streamCutBeforeDoneIsTruncated() throws IOException {
    SseStream s = read("data: {\"a\":1}\n\ndata: {\"a\":2}\n\n");

    assertThat(s.completed()).isFalse();
    assertThat(s.events()).isEqualTo(2);
  }

  @Test
  void doneWithoutItsBlankLineWasNeverDispatchedSoTheStreamIsTruncated() throws IOException {
    assertThat(read("data: {\"a\":1}\n\ndata: [DONE]\n").completed()).isFalse();
  }

  @Test
  void crlfLineEndingsCommentsAndOtherFieldsAreHandled() throws IOException {
    SseStream s = read(": keep-alive\r\n\r\nevent: message\r\nid: 7\r\ndata: x\r\n\r\ndata:[DONE]\r\n\r\n");

    assertThat(s.completed()).isTrue();
    assertThat(s.events()).isEqualTo(1);
  }

  @Test
  void multiLineDataIsOneEvent() throws IOException {
    SseStream s = read("data: part one\ndata: part two\n\ndata: [DONE]\n\n");

    assertThat(s.events()).isEqualTo(1);
    assertThat(s.completed()).isTrue();
  }

  @Test
  void aFieldMerelyStartingWithDataIsIgnored() throws IOException {
    SseStream s = read("database: [DONE]\n\n");

    assertThat(s.completed()).isFalse();
    assertThat(s.events()).isZero();
    assertThat(s.firstEventNanos()).isEqualTo(-1);
  }

  @Test
  void emptyBodyIsTruncatedWithNoFirstEvent() throws IOException {
    SseStream s = read("");

    assertThat(s.completed()).isFalse();
    assertThat(s.firstEventNanos()).isEqualTo(-1);
  }
}
