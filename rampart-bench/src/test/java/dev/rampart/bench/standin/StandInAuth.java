package dev.rampart.bench.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's sign-in, refresh rotation and two authenticated GETs ({@code /api/v1/providers},
 * {@code /api/v1/roles}), as far as the {@code auth} and {@code gateway} benchmarks can tell: every
 * refresh token works once; a second use is answered 401 and counted as reuse (the real server would
 * revoke the family). With {@code loseEvery} > 0, every that-many-th rotation happens but its answer
 * is a 500, as if it were lost on the way back. With {@code rateLimited}, the GETs carry a
 * {@code RateLimit-Policy} header, as the server's rate limiting adds.
 */
public final class StandInAuth {

  private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refreshToken\"\\s*:\\s*\"([^\"]+)\"");

  private final boolean secured;
  private final boolean rateLimited;
  private final int loseEvery;
  private final Map<String, AtomicBoolean> refreshTokens = new ConcurrentHashMap<>();
  private final AtomicLong issued = new AtomicLong();
  private final AtomicLong logins = new AtomicLong();
  private final AtomicLong rotations = new AtomicLong();
  private final AtomicLong reuses = new AtomicLong();

  public StandInAuth(boolean secured, int loseEvery) {
    this(secured, false, loseEvery);
  }

  public StandInAuth(boolean secured, boolean rateLimited, int loseEvery) {
    this.secured = secured;
    this.rateLimited = rateLimited;
    this.loseEvery = loseEvery;
  }

  public void register(HttpServer server) {
    server.createContext("/api/v1/auth/login", this::login);
    server.createContext("/api/v1/auth/refresh", this::refresh);
    server.createContext("/api/v1/providers", this::list);
    server.createContext("/api/v1/roles", this::list);
  }

  public long logins() {
    return logins.get();
  }

  public long rotations() {
    return rotations.get();
  }

  public long reuses() {
    return reuses.get();
  }

  private void login(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
    logins.incrementAndGet();
    send(ex, 200, tokens());
  }

  private void refresh(HttpExchange ex) throws IOException {
    Matcher token = REFRESH_TOKEN.matcher(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    AtomicBoolean used = token.find() ? refreshTokens.get(token.group(1)) : null;
    if (used == null) {
      send(ex, 401, "{\"code\":\"TOKEN_INVALID\"}");
      return;
    }
    if (used.getAndSet(true)) {
      reuses.incrementAndGet();
      send(ex, 401, "{\"code\":\"REFRESH_TOKEN_REUSED\"}");
      return;
    }
    String answer = tokens();
    if (loseEvery > 0 && rotations.incrementAndGet() % loseEvery == 0) {
      send(ex, 500, "{\"code\":\"LOST\"}");
      return;
    }
    if (loseEvery == 0) {
      rotations.incrementAndGet();
    }
    send(ex, 200, answer);
  }

  private void list(HttpExchange ex) throws IOException {
    if (rateLimited) {
      ex.getResponseHeaders().set("RateLimit-Policy", "\"address\";q=1200;w=60");
    }
    String authorization = ex.getRequestHeaders().getFirst("Authorization");
    if (secured && (authorization == null || !authorization.startsWith("Bearer at_"))) {
      send(ex, 401, "{\"code\":\"AUTHENTICATION_REQUIRED\"}");
      return;
    }
    send(ex, 200, "[{\"id\":\"sim\"}]");
  }

  private String tokens() {
    long n = issued.incrementAndGet();
    String refresh = "rt_" + n;
    refreshTokens.put(refresh, new AtomicBoolean());
    return "{\"accessToken\":\"at_" + n + "\",\"refreshToken\":\"" + refresh + "\",\"tokenType\":\"Bearer\",\"expiresIn\":600}";
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream body = ex.getResponseBody()) {
      body.write(bytes);
    }
  }
}
