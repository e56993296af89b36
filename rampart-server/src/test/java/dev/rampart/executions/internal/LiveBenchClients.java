package dev.rampart.executions.internal;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The idle clients of {@link LiveEventsBenchmark}, in a process of their own so that the server's heap and file
 * descriptors count only the server's side of each connection (10,000 sockets with both ends in one JVM would need
 * 20,000 descriptors). JDK only, so it runs from {@code target/test-classes} alone:
 * {@code java -cp target/test-classes dev.rampart.executions.internal.LiveBenchClients ws|sse <port> <token> <run> <n>}.
 * It opens {@code n} connections (at most 64 WebSocket handshakes at a time; SSE requests all at once, as their headers
 * come with the first heartbeat), each authenticated and following {@code run}
 * ({@code ws}: {@code auth}, then {@code subscribe}; {@code sse}: {@code GET /api/v1/runs/{run}/events} with the bearer
 * token), prints {@code READY <connected> <failed>}, then reads commands from stdin: {@code ping} sends
 * {@code {"type":"ping"}} on every socket and prints {@code PONGS <answered> <open>}; {@code quit} exits.
 */
public final class LiveBenchClients {

	private static final Duration WAIT = Duration.ofMinutes(3);

	private LiveBenchClients() {
	}

	public static void main(String[] args) throws Exception {
		String mode = args[0];
		int port = Integer.parseInt(args[1]);
		String token = args[2];
		String run = args[3];
		int n = Integer.parseInt(args[4]);
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(30)).build();
		// an SSE answer's headers leave with its first event or heartbeat (15 s on an idle run): open those all at once
		int parallel = mode.equals("ws") ? 64 : Math.min(n, 2_000);
		Semaphore handshakes = new Semaphore(parallel);
		AtomicInteger connected = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		AtomicInteger pongs = new AtomicInteger();
		ConcurrentLinkedQueue<Listener> sockets = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<InputStream> streams = new ConcurrentLinkedQueue<>();
		for (int i = 0; i < n; i++) {
			handshakes.acquire();
			if (mode.equals("ws")) {
				CompletableFuture<Void> subscribed = new CompletableFuture<>();
				Listener listener = new Listener(token, run, subscribed, pongs);
				client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
					.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), listener)
					.whenComplete((socket, error) -> {
						if (error != null) {
							subscribed.completeExceptionally(error);
						}
						else {
							sockets.add(listener);
						}
					});
				subscribed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).whenComplete((ok, error) -> {
					(error == null ? connected : failed).incrementAndGet();
					handshakes.release();
				});
			}
			else {
				HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/runs/" + run + "/events"))
					.header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
				client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
					.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).whenComplete((response, error) -> {
						if (error == null && response.statusCode() == 200) {
							streams.add(response.body());
							connected.incrementAndGet();
						}
						else {
							if (failed.getAndIncrement() == 0) {
								System.err.println("live bench client: " + (error != null ? error : "HTTP " + response.statusCode()));
							}
						}
						handshakes.release();
					});
			}
		}
		handshakes.acquire(parallel);
		System.out.println("READY " + connected.get() + " " + failed.get());
		System.out.flush();
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String command = commands.readLine(); command != null; command = commands.readLine()) {
			if (command.equals("ping")) {
				pongs.set(0);
				List<Listener> open = sockets.stream().filter(Listener::open).toList();
				for (Listener socket : open) {
					socket.send("{\"type\":\"ping\"}");
				}
				long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
				while (pongs.get() < open.size() && System.nanoTime() < deadline) {
					Thread.sleep(50);
				}
				System.out.println("PONGS " + pongs.get() + " " + open.size());
				System.out.flush();
			}
			else if (command.equals("quit")) {
				break;
			}
		}
		System.exit(0);
	}

	/**
	 * One socket: {@code auth} on open, {@code subscribe} on {@code ready}; counts {@code pong}s. A JDK WebSocket takes
	 * one send at a time, so each send waits for the one before.
	 */
	private static final class Listener implements WebSocket.Listener {

		private final String token;
		private final String run;
		private final CompletableFuture<Void> subscribed;
		private final AtomicInteger pongs;
		private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
		private volatile WebSocket socket;

		Listener(String token, String run, CompletableFuture<Void> subscribed, AtomicInteger pongs) {
			this.token = token;
			this.run = run;
			this.subscribed = subscribed;
			this.pongs = pongs;
		}

		boolean open() {
			return socket != null && !socket.isInputClosed();
		}

		synchronized void send(String text) {
			WebSocket target = socket;
			sending = sending.handle((ignored, error) -> null).thenCompose(ignored -> target.sendText(text, true));
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			socket = webSocket;
			send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			String text = data.toString();
			if (text.contains("\"type\":\"ready\"")) {
				send("{\"type\":\"subscribe\",\"id\":\"s\",\"run\":\"" + run + "\"}");
			}
			else if (text.contains("\"type\":\"subscribed\"")) {
				subscribed.complete(null);
			}
			else if (text.contains("\"type\":\"pong\"")) {
				pongs.incrementAndGet();
			}
			else if (text.contains("\"type\":\"error\"")) {
				subscribed.completeExceptionally(new IllegalStateException(text));
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int status, String reason) {
			subscribed.completeExceptionally(new IllegalStateException("closed " + status + " " + reason));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			subscribed.completeExceptionally(error);
		}
	}
}
