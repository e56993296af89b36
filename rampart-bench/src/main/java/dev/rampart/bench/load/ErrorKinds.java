package dev.rampart.bench.load;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/**
 * The one place that names failures, so tables and JSON group them the same way: {@code
 * http_<status>} for a non-2xx answer, {@code connect_refused}, {@code connect_timeout}, {@code
 * timeout}, {@code sse_truncated}, {@code sse_error}, {@code bad_answer}, {@code not_sent}, else
 * {@code io_<ExceptionClass>}. Names stay low-cardinality on purpose: exception messages (ports,
 * addresses) would split one cause into many rows.
 */
public final class ErrorKinds {

  public static final String SSE_TRUNCATED = "sse_truncated";

  /** A 2xx stream that reported a failure in an error event (Rampart's playground does, mid-stream). */
  public static final String SSE_ERROR = "sse_error";

  /** An open-loop request that was due but not sent, because too many were already in flight. */
  public static final String NOT_SENT = "not_sent";

  /** A 2xx answer a {@link Conversation} could not use (e.g. no new token in it). */
  public static final String BAD_ANSWER = "bad_answer";

  private ErrorKinds() {}

  public static String ofStatus(int status) {
    return "http_" + status;
  }

  public static String of(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof HttpTimeoutException)) {
      cause = cause.getCause();
    }
    if (failure instanceof HttpConnectTimeoutException || cause instanceof HttpConnectTimeoutException) {
      return "connect_timeout";
    }
    if (failure instanceof HttpTimeoutException || cause instanceof HttpTimeoutException) {
      return "timeout";
    }
    if (failure instanceof ConnectException || cause instanceof ConnectException) {
      return "connect_refused";
    }
    return "io_" + cause.getClass().getSimpleName();
  }
}
