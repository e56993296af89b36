package dev.rampart.bench.auth;

import dev.rampart.bench.load.Conversation;
import dev.rampart.bench.report.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One refresh-token family, rotated by one worker: each {@code POST /api/v1/auth/refresh} sends the
 * token the previous answer returned, and a token is never sent twice, because a reused token
 * revokes its whole family. After a failed exchange the worker cannot know whether its token was
 * used, so it signs in again and continues with a new family.
 */
final class RefreshConversation implements Conversation {

  static final String REFRESH_PATH = "/api/v1/auth/refresh";

  private final URI refresh;
  private final Duration timeout;
  private final SignIn signIn;
  private String current;
  private long rotations;
  private long restarts;

  RefreshConversation(URI base, Duration timeout, SignIn signIn, String firstRefreshToken) {
    this.refresh = base.resolve(REFRESH_PATH);
    this.timeout = timeout;
    this.signIn = signIn;
    this.current = firstRefreshToken;
  }

  @Override
  public HttpRequest next() {
    byte[] body = new Json().put("refreshToken", current).toString().getBytes(StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(refresh).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  @Override
  public void answered(byte[] body) {
    String next = JsonStrings.member(new String(body, StandardCharsets.UTF_8), "refreshToken")
        .orElseThrow(() -> new IllegalArgumentException("the answer has no refreshToken"));
    if (next.equals(current)) {
      throw new IllegalArgumentException("the answer returned the token that was sent");
    }
    current = next;
    rotations++;
  }

  @Override
  public void restart() throws IOException, InterruptedException {
    restarts++;
    current = signIn.tokens().refreshToken();
  }

  long rotations() {
    return rotations;
  }

  long restarts() {
    return restarts;
  }
}
