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

  @Test
  void openAiChatCountsFromTheFirstChunkWithTextNotFromTheRoleChunk() throws IOException {
    var openAi = new SseReader(ticks::incrementAndGet, SseFormat.OPENAI_CHAT);

    SseStream s = openAi.read(new ByteArrayInputStream((
        "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
            + "data: {\"choices\":[{\"delta\":{\"content\":\"Hello \"}}]}\n\n"
            + "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8)));

    assertThat(s.events()).isEqualTo(1);
    assertThat(s.firstEventNanos()).isEqualTo(101);
    assertThat(s.completed()).isTrue();
  }

  @Test
  void rampartChatPiecesAreDeltaEventsAndDoneEndsTheStream() throws IOException {
    var rampart = new SseReader(ticks::incrementAndGet, SseFormat.RAMPART_CHAT);

    SseStream s = rampart.read(new ByteArrayInputStream((
        "event: delta\ndata: {\"text\":\"Hel\"}\n\nevent: delta\ndata: {\"text\":\"lo\"}\n\n"
            + "event: done\ndata: {\"finishReason\":\"stop\"}\n\n").getBytes(StandardCharsets.UTF_8)));

    assertThat(s.events()).isEqualTo(2);
    assertThat(s.completed()).isTrue();
    assertThat(s.error()).isNull();
  }

  @Test
  void aRampartErrorEventFailsTheStreamAndKeepsItsData() throws IOException {
    var rampart = new SseReader(ticks::incrementAndGet, SseFormat.RAMPART_CHAT);

    SseStream s = rampart.read(new ByteArrayInputStream((
        "event: delta\ndata: {\"text\":\"Hel\"}\n\nevent: error\ndata: {\"code\":\"BUDGET_EXCEEDED\"}\n\n")
        .getBytes(StandardCharsets.UTF_8)));

    assertThat(s.completed()).isFalse();
    assertThat(s.error()).isEqualTo("{\"code\":\"BUDGET_EXCEEDED\"}");
  }

  @Test
  void anOpenAiDoneIsNotTheEndOfARampartStream() throws IOException {
    var rampart = new SseReader(ticks::incrementAndGet, SseFormat.RAMPART_CHAT);

    SseStream s = rampart.read(new ByteArrayInputStream("event: delta\ndata: x\n\ndata: [DONE]\n\n"
        .getBytes(StandardCharsets.UTF_8)));

    assertThat(s.completed()).isFalse();
  }
}
