package dev.rampart.bench.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * A tiny process that answers like the simulator and the server do where the harness looks:
 * {@code /sim/health}, {@code /actuator/health/readiness} (UP after {@code STANDIN_READY_DELAY_MS})
 * and {@code POST /v1/chat/completions}, plain or SSE, and sign-in, refresh and
 * {@code GET /api/v1/providers} and {@code /api/v1/roles} ({@link StandInAuth}; with {@code
 * STANDIN_SECURITY=off} or {@code -Dstandin.security=off} the GETs need no token; with {@code
 * -Dstandin.rate-limits=on} they carry a {@code RateLimit-Policy} header). Lets the process-driving subcommands be
 * tested, and smoke-run, before the real jars exist.
 *
 * <p>Port: {@code --port N}, else {@code RAMPART_PORT}. With {@code RAMPART_DATA_DIR} set it
 * creates a marker file there, as the server creates its data folder. With {@code
 * STANDIN_DAEMON=stopped} or {@code leaked} it also starts a detached process whose command line
 * names the data dir, as {@code pg_ctl} starts an embedded PostgreSQL, and stops it on SIGTERM or
 * leaves it running.
 *
 * <p>With {@code -Drampart.providers.sim.port=N}, as the server starts its built-in simulator on a
 * fixed port, it also answers there like the simulator ({@code /v1/chat/completions}, {@code PUT
 * /sim/admin/latency}) and on its own port like the playground ({@code POST
 * /api/v1/providers/sim/chat}, token required, plain or as {@code delta}/{@code done} events).
 */
public final class StandInTarget {

  private StandInTarget() {}

  public static void main(String[] args) throws IOException {
    // Without TCP_NODELAY each flushed SSE chunk waits ~40 ms for the client's delayed ACK (Nagle).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // The default keeps at most 200 idle keep-alive connections and closes the rest, which a
    // closed-loop client at concurrency 1,000 sees as "header parser received no bytes".
    System.setProperty("sun.net.httpserver.maxIdleConnections", "20000");
    int port = args.length == 2 && args[0].equals("--port")
        ? Integer.parseInt(args[1])
        : Integer.parseInt(System.getenv("RAMPART_PORT"));
    String dataDir = System.getenv("RAMPART_DATA_DIR");
    if (dataDir != null) {
      Path marker = Path.of(dataDir, "stand-in.marker");
      Files.createDirectories(marker.getParent());
      Files.writeString(marker, Files.exists(marker) ? "warm" : "cold");
    }
    String daemon = System.getenv("STANDIN_DAEMON");
    if (daemon != null && dataDir != null) {
      startDetached(dataDir, daemon.equals("stopped"));
    }
    long readyAt = System.nanoTime() + Long.parseLong(System.getenv().getOrDefault("STANDIN_READY_DELAY_MS", "0")) * 1_000_000;

    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/sim/health", ex -> send(ex, 200, "application/json", "{\"status\":\"UP\"}"));
    server.createContext("/actuator/health/readiness", ex -> {
      boolean up = System.nanoTime() - readyAt >= 0;
      send(ex, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}");
    });
    server.createContext("/v1/chat/completions", StandInTarget::chat);
    String security = System.getProperty("standin.security", System.getenv().getOrDefault("STANDIN_SECURITY", "on"));
    boolean rateLimited = System.getProperty("standin.rate-limits", "off").equals("on");
    new StandInAuth(!security.equals("off"), rateLimited, 0).register(server);
    server.createContext("/api/v1/providers/sim/chat", StandInTarget::playground);
    server.start();
    String simPort = System.getProperty("rampart.providers.sim.port");
    if (simPort != null) {
      HttpServer sim = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(simPort)), 1024);
      sim.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      sim.createContext("/v1/chat/completions", StandInTarget::chat);
      sim.createContext("/sim/admin/latency", ex -> send(ex, ex.getRequestMethod().equals("PUT") ? 200 : 405,
          "application/json", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      sim.start();
    }
  }

  private static void playground(HttpExchange ex) throws IOException {
    String request = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String authorization = ex.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer at_")) {
      send(ex, 401, "application/problem+json", "{\"code\":\"AUTHENTICATION_REQUIRED\"}");
      return;
    }
    if (!request.replace(" ", "").contains("\"stream\":true")) {
      send(ex, 200, "application/json",
          "{\"reply\":\"hello\",\"finishReason\":\"stop\",\"usage\":{\"inputTokens\":1,\"outputTokens\":1},\"masked\":{}}");
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream body = ex.getResponseBody()) {
      for (String word : new String[] {"hel", "lo"}) {
        body.write(("event: delta\ndata: {\"text\":\"" + word + "\"}\n\n").getBytes(StandardCharsets.UTF_8));
        body.flush();
      }
      body.write("event: done\ndata: {\"finishReason\":\"stop\",\"masked\":{}}\n\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The outer shell exits at once, so the inner one is reparented away from this JVM. */
  private static void startDetached(String dataDir, boolean stopOnExit) throws IOException {
    try {
      new ProcessBuilder("sh", "-c", "sh -c 'sleep 600; : " + dataDir + "' >/dev/null 2>&1 &").start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopOnExit) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().map(c -> c.contains(dataDir)).orElse(false))
          .forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
          })));
    }
  }

  private static void chat(HttpExchange ex) throws IOException {
    String request = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (!request.replace(" ", "").contains("\"stream\":true")) {
      send(ex, 200, "application/json",
          "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"sim-echo\",\"choices\":[{\"index\":0,"
              + "\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"stop\"}]}");
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream body = ex.getResponseBody()) {
      for (String word : new String[] {"hel", "lo"}) {
        body.write(("data: {\"choices\":[{\"delta\":{\"content\":\"" + word + "\"}}]}\n\n").getBytes(StandardCharsets.UTF_8));
        body.flush();
      }
      body.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void send(HttpExchange ex, int status, String type, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream body = ex.getResponseBody()) {
      body.write(bytes);
    }
  }
}
