package dev.rampart.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class ErrorKindsTest {

  @Test
  void namesAreStableAndFreeOfAddressesOrPorts() {
    assertThat(ErrorKinds.ofStatus(503)).isEqualTo("http_503");
    assertThat(ErrorKinds.of(new ConnectException("Connection refused: 127.0.0.1:4711"))).isEqualTo("connect_refused");
    assertThat(ErrorKinds.of(new IOException("wrapped", new ConnectException("x")))).isEqualTo("connect_refused");
    assertThat(ErrorKinds.of(new HttpConnectTimeoutException("slow"))).isEqualTo("connect_timeout");
    assertThat(ErrorKinds.of(new HttpTimeoutException("request timed out"))).isEqualTo("timeout");
    assertThat(ErrorKinds.of(new IOException("Connection reset"))).isEqualTo("io_IOException");
  }
}
