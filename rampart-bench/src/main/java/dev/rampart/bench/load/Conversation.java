package dev.rampart.bench.load;

import java.io.IOException;
import java.net.http.HttpRequest;

/**
 * One worker's requests when each depends on the previous answer, such as refresh-token rotation:
 * every refresh must carry the token the previous one returned. Each worker owns its conversation,
 * so implementations need not be thread-safe.
 */
public interface Conversation {

  /** The request to send now. */
  HttpRequest next();

  /**
   * The body of the 2xx answer to the last request. Throws IllegalArgumentException when the answer
   * cannot be used, which counts as a {@link ErrorKinds#BAD_ANSWER} error.
   */
  void answered(byte[] body);

  /**
   * Called after a failed exchange, whose effect on the target is unknown: make the conversation
   * usable again (sign in anew, say). Its time is not recorded, but it is spent inside the window.
   */
  void restart() throws IOException, InterruptedException;
}
