package dev.rampart.bench.auth;

import dev.rampart.bench.report.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code POST /api/v1/auth/login} with one account. Each call starts a new refresh-token family;
 * it costs the server one Argon2id verification (~22 ms), so the benchmark signs in before it
 * measures, never inside a measured loop except to recover from an error. Public for the other
 * subcommands that sign in as the bootstrap admin ({@code providers}).
 */
public final class SignIn {

  public static final String LOGIN_PATH = "/api/v1/auth/login";

  /** An access token and the refresh token of a new family. */
  public record Tokens(String accessToken, String refreshToken) {

    @Override
    public String toString() {
      return "Tokens[...]";
    }
  }

  private final HttpClient client;
  private final URI login;
  private final String body;
  private final Duration timeout;

  public SignIn(HttpClient client, URI base, String email, String password, Duration timeout) {
    this.client = client;
    this.login = base.resolve(LOGIN_PATH);
    this.body = new Json().put("email", email).put("password", password).toString();
    this.timeout = timeout;
  }

  /** Throws IllegalStateException when the server does not answer 200 with both tokens. */
  public Tokens tokens() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(login).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("sign-in at " + login + " answered " + response.statusCode() + ": " + response.body());
    }
    return new Tokens(
        JsonStrings.member(response.body(), "accessToken")
            .orElseThrow(() -> new IllegalStateException("sign-in answered without accessToken")),
        JsonStrings.member(response.body(), "refreshToken")
            .orElseThrow(() -> new IllegalStateException("sign-in answered without refreshToken")));
  }
}
