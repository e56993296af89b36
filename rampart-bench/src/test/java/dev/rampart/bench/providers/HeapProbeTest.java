package dev.rampart.bench.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HeapProbeTest {

  @Test
  void g1PrintsOneLineForTheWholeHeap() {
    String info = """
        12345:
         garbage-first heap   total reserved 2052096K, committed 131072K, used 45678K [0x0000000085c00000, 0x0000000100000000)
          region size 1024K, 3 young (3072K), 1 survivors (1024K)
         Metaspace       used 61234K, committed 62016K, reserved 1114112K
          class space    used 7890K, committed 8192K, reserved 1048576K
        """;

    assertThat(HeapProbe.parseUsedBytes(info)).hasValue(45678L * 1024);
  }

  @Test
  void serialAndParallelGenerationsAreSummedAndSpacePercentagesIgnored() {
    String info = """
         def new generation   total 9792K, used 4424K [0x00000000c0000000, 0x00000000c0aa0000, 0x00000000d5550000)
          eden space 8704K,  50% used [0x00000000c0000000, 0x00000000c0452000, 0x00000000c0880000)
         tenured generation   total 21428K, used 1000K [0x00000000d5550000, 0x00000000d6a3d000, 0x0000000100000000)
        """;

    assertThat(HeapProbe.parseUsedBytes(info)).hasValue(5424L * 1024);
  }

  @Test
  void zgcPrintsMegabytes() {
    assertThat(HeapProbe.parseUsedBytes(" ZHeap           used 80M, capacity 256M, max capacity 4012M\n"))
        .hasValue(80L << 20);
  }

  @Test
  void anAnswerWithoutAHeapLineIsUnknown() {
    assertThat(HeapProbe.parseUsedBytes("12345:\nCommand executed successfully\n")).isEqualTo(OptionalLong.empty());
  }
}
