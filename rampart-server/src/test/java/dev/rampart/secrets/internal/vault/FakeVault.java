package dev.rampart.secrets.internal.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for Vault/OpenBao on 127.0.0.1 that speaks the documented HTTP contract of the transit
 * engine (keys, rotate, config, encrypt, decrypt, rewrap, datakey; real AES-256-GCM, one random key
 * per version, {@code vault:v<N>:base64(nonce||ciphertext)}) and of KV v2 (data and metadata), with
 * Vault's {@code {"data":...}} and {@code {"errors":[...]}} envelopes and status codes. Any first path
 * segment is accepted as a mount: the second one ({@code keys}, {@code encrypt}, ..., {@code data},
 * {@code metadata}) picks the engine. Every request needs the token given to {@link #start}; there are
 * no policies, leases, namespaces or {@code sys/} endpoints. Faults: {@link #setAvailable},
 * {@link #failWith}, {@link #setResponseDelay}.
 */
public final class FakeVault implements AutoCloseable {

	public static final String TRANSIT_MOUNT = "transit";
	public static final String KV_MOUNT = "secret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;
	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
	private final String token;
	private final FakeTransit transit = new FakeTransit(Clock.systemUTC());
	private final FakeKv kv = new FakeKv(Clock.systemUTC());
	private final AtomicInteger requestCount = new AtomicInteger();
	private final List<String> requestLines = new CopyOnWriteArrayList<>();
	private volatile int failureStatus;
	private volatile Duration responseDelay = Duration.ZERO;

	private FakeVault(String token) throws IOException {
		this.token = token;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(executor);
		server.createContext("/", this::handle);
		server.start();
	}

	/** Starts a fake that accepts {@code token} in {@code X-Vault-Token}; close it when done. */
	public static FakeVault start(String token) {
		try {
			return new FakeVault(token);
		}
		catch (IOException ex) {
			throw new IllegalStateException("FakeVault could not listen on 127.0.0.1", ex);
		}
	}

	/** The address to configure as {@code rampart.secrets.vault.uri}. */
	public URI uri() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	public String token() {
		return token;
	}

	/** False makes every request answer 503 as a sealed Vault does; true restores normal answers. */
	public void setAvailable(boolean available) {
		failWith(available ? 0 : 503);
	}

	/** Every request answers {@code status} with a Vault error envelope; 0 restores normal answers. */
	public void failWith(int status) {
		this.failureStatus = status;
	}

	/** Holds every answer back by {@code delay}, to exercise client timeouts. */
	public void setResponseDelay(Duration delay) {
		this.responseDelay = delay;
	}

	public int requestCount() {
		return requestCount.get();
	}

	/** Every request so far as {@code METHOD /v1/path}, oldest first. */
	public List<String> requestLines() {
		return List.copyOf(requestLines);
	}

	/** How many versions the transit key {@code name} of the {@code transit} mount has; 0 when it does not exist. */
	public int keyVersions(String name) {
		return keyVersions(TRANSIT_MOUNT, name);
	}

	public int keyVersions(String mount, String name) {
		return transit.latestVersion(mount + "/" + name);
	}

	/** The key's {@code type}, or empty when the transit key does not exist. */
	public Optional<String> keyType(String name) {
		return transit.type(TRANSIT_MOUNT + "/" + name);
	}

	public int minDecryptionVersion(String name) {
		return transit.minDecryptionVersion(TRANSIT_MOUNT + "/" + name);
	}

	/** The fields of the latest live version at {@code path} of the {@code secret} KV mount, as stored. */
	public Optional<Map<String, Object>> kvData(String path) {
		return kv.latest(KV_MOUNT + "/" + path);
	}

	/** How many versions KV holds at {@code path} of the {@code secret} mount, deleted ones included; 0 when none. */
	public int kvVersions(String path) {
		return kv.versionCount(KV_MOUNT + "/" + path);
	}

	/** Writes a KV version behind the client's back, as an operator would. */
	public void putKv(String path, Map<String, Object> fields) {
		kv.put(KV_MOUNT + "/" + path, fields, null);
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String rawPath = exchange.getRequestURI().getRawPath();
			requestCount.incrementAndGet();
			requestLines.add(method + " " + rawPath);
			byte[] body = readBody(exchange.getRequestBody());
			Reply reply = answer(exchange, method, rawPath, body);
			send(exchange, reply);
		}
	}

	private Reply answer(HttpExchange exchange, String method, String rawPath, byte[] body) {
		Duration delay = responseDelay;
		if (!delay.isZero()) {
			try {
				Thread.sleep(delay);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		int failure = failureStatus;
		if (failure != 0) {
			return Reply.error(failure, failure == 503 ? "Vault is sealed" : "FakeVault was told to fail with " + failure);
		}
		if (!token.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
			return Reply.error(403, "permission denied");
		}
		if (!rawPath.startsWith("/v1/")) {
			return Reply.error(404, "no handler for route \"" + rawPath + "\"");
		}
		String[] segments = exchange.getRequestURI().getPath().substring(4).split("/", 3);
		if (segments.length < 3 || segments[2].isEmpty()) {
			return Reply.error(404, "no handler for route \"" + rawPath.substring(4) + "\"");
		}
		try {
			Map<String, Object> request = parse(body);
			String mount = segments[0];
			return switch (segments[1]) {
				case "keys", "encrypt", "decrypt", "rewrap", "datakey" -> transit.handle(method, mount, segments[1], segments[2],
						request);
				case "data", "metadata" -> kv.handle(method, mount, segments[1], segments[2], request,
						exchange.getRequestURI().getQuery());
				default -> Reply.error(404, "no handler for route \"" + rawPath.substring(4) + "\"");
			};
		}
		catch (Reply.Failure refusal) {
			return Reply.error(refusal.status(), refusal.getMessage());
		}
		catch (RuntimeException ex) {
			return Reply.error(500, "FakeVault failed: " + ex);
		}
	}

	private static Map<String, Object> parse(byte[] body) {
		if (body.length == 0) {
			return Map.of();
		}
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> parsed = JSON.readValue(body, Map.class);
			return parsed == null ? Map.of() : parsed;
		}
		catch (RuntimeException ex) {
			throw new Reply.Failure(400, "failed to parse JSON input: " + ex.getClass().getSimpleName());
		}
	}

	private static byte[] readBody(InputStream in) throws IOException {
		return in.readAllBytes();
	}

	private static void send(HttpExchange exchange, Reply reply) throws IOException {
		if (reply.body() == null) {
			exchange.sendResponseHeaders(reply.status(), -1);
			return;
		}
		byte[] json = JSON.writeValueAsBytes(reply.body());
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(reply.status(), json.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(json);
		}
	}

	/** An answer: a status and a JSON body, or none for 204. */
	record Reply(int status, @Nullable Object body) {

		static Reply data(Map<String, ?> data) {
			Map<String, Object> envelope = new LinkedHashMap<>();
			envelope.put("request_id", UUID.randomUUID().toString());
			envelope.put("lease_id", "");
			envelope.put("renewable", false);
			envelope.put("lease_duration", 0);
			envelope.put("data", data);
			envelope.put("wrap_info", null);
			envelope.put("warnings", null);
			envelope.put("auth", null);
			return new Reply(200, envelope);
		}

		static Reply noContent() {
			return new Reply(204, null);
		}

		static Reply error(int status, @Nullable String message) {
			return new Reply(status, Map.of("errors", message == null ? List.of() : List.of(message)));
		}

		/** Thrown by the engines to answer with a Vault error envelope. */
		static final class Failure extends RuntimeException {

			private final int status;

			Failure(int status, String message) {
				super(message);
				this.status = status;
			}

			int status() {
				return status;
			}
		}
	}
}
