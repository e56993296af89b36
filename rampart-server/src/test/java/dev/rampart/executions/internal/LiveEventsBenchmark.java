package dev.rampart.executions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import javax.management.ObjectName;
import javax.sql.DataSource;

import com.sun.management.OperatingSystemMXBean;
import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.executions.events.RunEventsAppended;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Live delivery's performance targets (issue #9; docs/BENCHMARKS.md "Live events"). Not a test: runs only with
 * {@code -Dlive.bench=true} ({@code ./rampart bench live}); {@code -Dlive.bench.part=latency|idle} picks one part.
 * <ul>
 * <li>{@code latency}: 1,000 SSE subscribers ({@code GET /api/v1/runs/{id}/events}, one plain HTTP/1.1 socket each, read on virtual threads),
 * 20 on each of 50 running runs, while producers append 2,000 events/s through {@link RunJournal#record} (fenced
 * transactions on the real run rows, as the engine writes them) for a warm-up and a measured window; each event's data
 * carries the producer's {@code System.nanoTime()} taken just before its transaction ({@code t}, µs since the
 * benchmark's start), and a listener of {@link RunEventsAppended} (published on the writer's thread right after the
 * commit) notes the commit instant on the same clock. Delivery latency = receive − each of the two; every subscriber must get every event of its run, in order, once.</li>
 * <li>{@code idle}: heap per idle SSE stream and per idle WebSocket (authenticated, subscribed to an idle run): the
 * node's heap used after a full GC before and after N connections, divided by N; 10,000 WebSockets must all connect
 * and answer a ping. The clients run in a child JVM ({@link LiveBenchClients}) so the node's heap and descriptors hold
 * only its own side.</li>
 * </ul>
 * Tomcat's connection cap (8,192 by default) is raised for the 10,000 sockets; requests run on virtual threads, so no
 * thread pool bounds the streams.
 */
@ServerTest
@EnabledIfSystemProperty(named = "live.bench", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = { "server.tomcat.max-connections=20000", "server.tomcat.accept-count=1000",
		"rampart.identity.tokens.access-token-ttl=1h", "rampart.db.pool.size=32", "rampart.db.pool.max-overflow=40" })
class LiveEventsBenchmark {

	private static final String PART = System.getProperty("live.bench.part", "all");
	private static final long BASE = System.nanoTime();

	@LocalServerPort
	int port;

	private final RunJournal journal;
	private final JdbcClient owner;
	private final ConfigurableApplicationContext context;

	@Autowired
	LiveEventsBenchmark(RunJournal journal, DataSource dataSource, ConfigurableApplicationContext context) {
		this.journal = journal;
		this.owner = DatabaseOwner.jdbc(dataSource);
		this.context = context;
	}

	@Test
	@Order(1)
	void sseDeliveryLatency() throws Exception {
		if (!PART.equals("all") && !PART.equals("latency")) {
			return;
		}
		int runCount = Integer.getInteger("live.bench.runs", 50);
		int perRun = Integer.getInteger("live.bench.subscribers-per-run", 20);
		int rate = Integer.getInteger("live.bench.rate", 2_000);
		int batch = Integer.getInteger("live.bench.batch", 1);
		int padding = Integer.getInteger("live.bench.padding", 100);
		Duration warmup = Duration.ofSeconds(Long.getLong("live.bench.warmup-s", 5));
		Duration window = Duration.ofSeconds(Long.getLong("live.bench.window-s", 30));
		String token = token();
		List<UUID> runs = new ArrayList<>();
		for (int i = 0; i < runCount; i++) {
			runs.add(running());
		}
		// events of each run: warm-up + window at rate/runCount per second, rounded up to whole transactions
		long perRunEvents = (long) Math.ceil((warmup.plus(window).toMillis() / 1000.0) * rate / runCount / batch) * batch;
		int capacity = (int) perRunEvents + 2;
		long[][] stamped = new long[runCount][capacity];
		long[][] committed = new long[runCount][capacity];
		// the commit instant: RunEventsAppended is published on the writer's thread right after its commit
		Map<UUID, Integer> indexes = new HashMap<>();
		for (int r = 0; r < runCount; r++) {
			indexes.put(runs.get(r), r);
		}
		context.addApplicationListener((ApplicationEvent event) -> {
			if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof RunEventsAppended appended
					&& indexes.get(appended.runId()) instanceof Integer r
					&& appended.lastSeq() > 0 && appended.lastSeq() < capacity) {
				committed[r][(int) appended.lastSeq()] = System.nanoTime();
			}
		});
		Subscriber[] subscribers = new Subscriber[runCount * perRun];
		double load = load();
		try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
			// all at once: an SSE answer's headers leave with its first event (or heartbeat), not before
			List<CompletableFuture<Void>> reading = new ArrayList<>();
			for (int i = 0; i < subscribers.length; i++) {
				int r = i / perRun;
				Subscriber subscriber = new Subscriber(r, capacity);
				subscribers[i] = subscriber;
				String path = "/api/v1/runs/" + runs.get(r) + "/events";
				reading.add(CompletableFuture.runAsync(() -> subscriber.read(port, path, token), readers));
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (following() < subscribers.length && System.nanoTime() < deadline) {
				LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
			}
			int following = following();
			OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
			long cpuBefore = os.getProcessCpuTime();
			long transactionsBefore = transactions();
			long measuredFrom = System.nanoTime() + warmup.toNanos();
			AtomicLong behindMaxNanos = new AtomicLong();
			long intervalNanos = (long) (1e9 * runCount * batch / rate);
			long start = System.nanoTime();
			try (ExecutorService producers = Executors.newVirtualThreadPerTaskExecutor()) {
				List<Future<?>> producing = new ArrayList<>();
				for (int r = 0; r < runCount; r++) {
					int index = r;
					producing.add(producers.submit(() -> {
						Fence fence = new Fence(TenantId.DEFAULT, runs.get(index), 1);
						String pad = "p".repeat(padding);
						long next = start + intervalNanos * index / runCount;
						for (long seq = 1; seq <= perRunEvents; seq += batch) {
							LockSupport.parkNanos(next - System.nanoTime());
							behindMaxNanos.accumulateAndGet(System.nanoTime() - next, Math::max);
							next += intervalNanos;
							long t = System.nanoTime();
							List<RunJournal.Event> events = new ArrayList<>();
							for (long s = seq; s < seq + batch; s++) {
								boolean last = s == perRunEvents;
								stamped[index][(int) s] = t;
								events.add(new RunJournal.Event(s, last ? "run_succeeded" : "step_finished",
										Map.of("n", s, "t", (t - BASE) / 1_000, "text", pad), Instant.now()));
							}
							if (seq + batch > perRunEvents) {
								journal.finish(fence, "user:live-bench", new RunJournal.Ending("succeeded", Map.of("ok", true), null, null, null),
										events, List.of());
							}
							else {
								journal.record(fence, events, List.of());
							}
							long done = committed[index][(int) (seq + batch - 1)];
							for (long s = seq; s < seq + batch - 1; s++) {
								committed[index][(int) s] = done;
							}
						}
						return null;
					}));
				}
				for (Future<?> future : producing) {
					future.get();
				}
			}
			double producedS = (System.nanoTime() - start) / 1e9;
			long cpuProducing = os.getProcessCpuTime() - cpuBefore;
			double transactionsPerS = (transactions() - transactionsBefore) / producedS;
			CompletableFuture.allOf(reading.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
			double loadAfter = load();
			long expected = perRunEvents * subscribers.length;
			long delivered = 0;
			long missing = 0;
			long duplicates = 0;
			long outOfOrder = 0;
			long stampMismatch = 0;
			long refused = 0;
			long brokenBeforeEnd = 0;
			long endAborted = 0;
			long samples = 0;
			for (Subscriber subscriber : subscribers) {
				delivered += subscriber.count;
				duplicates += subscriber.duplicates;
				outOfOrder += subscriber.outOfOrder;
				refused += subscriber.status == 200 ? 0 : 1;
				if (subscriber.broken) {
					if (subscriber.last == perRunEvents) {
						endAborted++;
					}
					else {
						brokenBeforeEnd++;
					}
				}
				for (int s = 1; s <= perRunEvents; s++) {
					if (subscriber.received[s] == 0) {
						missing++;
						continue;
					}
					// the data's stamp must be the producer's: the event arrived whole and unmasked
					if (Math.abs(BASE + subscriber.stampMicros[s] * 1_000 - stamped[subscriber.run][s]) >= 1_000) {
						stampMismatch++;
					}
					if (stamped[subscriber.run][s] >= measuredFrom) {
						samples++;
					}
				}
			}
			long[] fromStamp = new long[(int) samples];
			long[] fromCommit = new long[(int) samples];
			int k = 0;
			for (Subscriber subscriber : subscribers) {
				for (int s = 1; s <= perRunEvents; s++) {
					long received = subscriber.received[s];
					if (received != 0 && stamped[subscriber.run][s] >= measuredFrom) {
						fromStamp[k] = received - (BASE + subscriber.stampMicros[s] * 1_000);
						fromCommit[k] = received - committed[subscriber.run][s];
						k++;
					}
				}
			}
			Arrays.sort(fromStamp);
			Arrays.sort(fromCommit);
			String report = String.format(Locale.ROOT,
					"{\"part\":\"latency\",\"runs\":%d,\"subscribers\":%d,\"following\":%d,\"targetRate\":%d,\"batch\":%d,"
							+ "\"achievedRate\":%.0f,\"producerBehindMaxMs\":%.1f,\"eventsPerRun\":%d,\"expected\":%d,"
							+ "\"delivered\":%d,\"missing\":%d,\"duplicates\":%d,\"outOfOrder\":%d,\"stampMismatch\":%d,"
							+ "\"refused\":%d,\"brokenBeforeEnd\":%d,\"endedByAbort\":%d,\"samples\":%d,\"fromCommitMs\":%s,"
							+ "\"fromStampMs\":%s,\"cpuSecondsWhileProducing\":%.1f,\"pgTransactionsPerS\":%.0f,\"load\":[%.2f,%.2f],\"cores\":%d}",
					runCount, subscribers.length, following, rate, batch, perRunEvents * runCount / producedS,
					behindMaxNanos.get() / 1e6, perRunEvents, expected, delivered, missing, duplicates, outOfOrder,
					stampMismatch, refused, brokenBeforeEnd, endAborted, samples, percentiles(fromCommit), percentiles(fromStamp), cpuProducing / 1e9, transactionsPerS, load,
					loadAfter, Runtime.getRuntime().availableProcessors());
			publish("latency", report);
			assertThat(missing + duplicates + outOfOrder + stampMismatch + refused + brokenBeforeEnd).as(report).isZero();
		}
	}

	@Test
	@Order(2)
	void idleConnections() throws Exception {
		if (!PART.equals("all") && !PART.equals("idle")) {
			return;
		}
		int sse = Integer.getInteger("live.bench.idle.sse", 2_000);
		int sockets = Integer.getInteger("live.bench.idle.ws", 10_000);
		String token = token();
		UUID idle = running();
		double load = load();
		Idle streams = idle("sse", sse, token, idle, false);
		Idle websockets = idle("ws", sockets, token, idle, true);
		String report = String.format(Locale.ROOT,
				"{\"part\":\"idle\",\"heapMaxMiB\":%d,\"sse\":%s,\"ws\":%s,\"load\":[%.2f,%.2f],\"cores\":%d}",
				Runtime.getRuntime().maxMemory() >> 20, streams.json(), websockets.json(), load, load(),
				Runtime.getRuntime().availableProcessors());
		publish("idle", report);
		assertThat(websockets.connected()).as(report).isEqualTo(sockets);
		assertThat(websockets.answered()).as(report).isEqualTo(sockets);
		assertThat(streams.connected()).as(report).isEqualTo(sse);
	}

	/** N idle connections of {@code mode} from a child JVM; the node's heap after a full GC before and after. */
	private Idle idle(String mode, int n, String token, UUID run, boolean ping) throws Exception {
		long before = heapAfterGc();
		Map<String, long[]> classesBefore = histogram();
		int followingBefore = following();
		Path classes = Path.of(LiveBenchClients.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		String java = ProcessHandle.current().info().command().orElse("java");
		long start = System.nanoTime();
		Process child = new ProcessBuilder(java, "-Xmx1g", "-cp", classes.toString(), LiveBenchClients.class.getName(),
				mode, Integer.toString(port), token, run.toString(), Integer.toString(n))
			.redirectError(ProcessBuilder.Redirect.INHERIT).start();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
				Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
			String[] ready = out.readLine().split(" ");
			double connectS = (System.nanoTime() - start) / 1e9;
			int connected = Integer.parseInt(ready[1]);
			LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
			int following = following() - followingBefore;
			long after = heapAfterGc();
			String growth = growth(classesBefore, histogram(), Math.max(1, connected));
			int answered = -1;
			int open = -1;
			if (ping) {
				in.write("ping\n");
				in.flush();
				String[] pongs = out.readLine().split(" ");
				answered = Integer.parseInt(pongs[1]);
				open = Integer.parseInt(pongs[2]);
			}
			in.write("quit\n");
			in.flush();
			child.waitFor(30, TimeUnit.SECONDS);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (following() > followingBefore && System.nanoTime() < deadline) {
				LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
			}
			return new Idle(mode, n, connected, Integer.parseInt(ready[2]), following, connectS, before, after, answered,
					open, growth);
		}
		finally {
			child.destroy();
		}
	}

	/** What one idle part found. */
	private record Idle(String mode, int n, int connected, int failed, int following, double connectS, long heapBefore,
			long heapAfter, int answered, int open, String growth) {

		String json() {
			return String.format(Locale.ROOT,
					"{\"n\":%d,\"connected\":%d,\"failed\":%d,\"following\":%d,\"connectS\":%.1f,\"heapBeforeMiB\":%.1f,"
							+ "\"heapAfterMiB\":%.1f,\"bytesPerConnection\":%d,\"pingAnswered\":%d,\"openAtPing\":%d,"
							+ "\"topClassesPerConnection\":%s}",
					n, connected, failed, following, connectS, heapBefore / 1048576.0, heapAfter / 1048576.0,
					(heapAfter - heapBefore) / Math.max(1, connected), answered, open, growth);
		}
	}

	/** One SSE stream's reader: the receive instant of each seq, and what arrived twice or out of order. */
	private static final class Subscriber {

		final int run;
		final long[] received;
		final long[] stampMicros;
		long last;
		long count;
		long duplicates;
		long outOfOrder;
		int status;
		/** The stream ended with an I/O error rather than its last chunk. */
		boolean broken;

		Subscriber(int run, int capacity) {
			this.run = run;
			this.received = new long[capacity];
			this.stampMicros = new long[capacity];
		}

		/**
		 * A plain HTTP/1.1 GET on its own socket, read on a virtual thread: the status line, the headers, then the chunked
		 * body split into lines. Lighter than a general client, so the measuring costs the shared cores less.
		 */
		void read(int port, String path, String token) {
			try (Socket socket = new Socket("127.0.0.1", port)) {
				socket.setTcpNoDelay(true);
				OutputStream out = socket.getOutputStream();
				out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
						+ "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
				String statusLine = headerLine(in);
				status = Integer.parseInt(statusLine.split(" ")[1]);
				boolean chunked = false;
				for (String header = headerLine(in); !header.isEmpty(); header = headerLine(in)) {
					chunked |= header.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:") && header.contains("chunked");
				}
				if (status != 200 || !chunked) {
					return;
				}
				StringBuilder line = new StringBuilder(512);
				for (int size = Integer.parseInt(headerLine(in).split(";")[0].strip(), 16); size > 0;
						size = Integer.parseInt(headerLine(in).split(";")[0].strip(), 16)) {
					byte[] chunk = in.readNBytes(size);
					if (chunk.length < size) {
						throw new EOFException();
					}
					for (byte b : chunk) {
						if (b == '\n') {
							accept(line);
							line.setLength(0);
						}
						else if (b != '\r') {
							line.append((char) b);
						}
					}
					headerLine(in); // the CRLF after the chunk
				}
			}
			catch (IOException | RuntimeException ex) {
				broken = true;
			}
		}

		private static String headerLine(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			for (int b = in.read(); b != '\n'; b = in.read()) {
				if (b < 0) {
					throw new EOFException();
				}
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}

		private void accept(CharSequence line) {
			if (line.length() < 5 || !"data:".contentEquals(line.subSequence(0, 5))) {
				return;
			}
			long now = System.nanoTime();
			String text = line.toString();
			long seq = number(text, "\"seq\":");
			long t = number(text, "\"t\":");
			count++;
			if (seq <= last) {
				if (seq >= 0 && seq < received.length && received[(int) seq] != 0) {
					duplicates++;
				}
				else {
					outOfOrder++;
				}
				return;
			}
			if (seq != last + 1) {
				outOfOrder++;
			}
			last = seq;
			if (seq < received.length) {
				received[(int) seq] = now;
				stampMicros[(int) seq] = t;
			}
		}

		private static long number(String line, String key) {
			int at = line.indexOf(key);
			if (at < 0) {
				return -1;
			}
			int from = at + key.length();
			int to = from;
			while (to < line.length() && Character.isDigit(line.charAt(to))) {
				to++;
			}
			return to == from ? -1 : Long.parseLong(line, from, to, 10);
		}
	}

	/** A running workflow run held by a pretend worker (fencing token 1), as a claimed run in flight. */
	private UUID running() {
		UUID run = UUID.randomUUID();
		owner.sql("""
				insert into runs (tenant_id, id, kind, target_id, target_version, input, status, attempt, lease_owner,
					lease_expires_at, fencing_token, created_at, created_by, started_at, updated_at)
				values (:tenant, :id, 'workflow', :target, 1, '{}', 'running', 1, 'live-bench', now() + interval '1 day',
					1, now(), 'user:live-bench', now(), now())""")
			.param("tenant", TenantId.DEFAULT.value()).param("id", run).param("target", UUID.randomUUID()).update();
		return run;
	}

	/**
	 * The node's live subscriptions ({@code RunFeeds.subscribers()} of the events module), looked up by name: executions
	 * may not depend on events (events depends on executions), and this benchmark needs the journal's package.
	 */
	private int following() {
		try {
			Object feeds = context.getBean("runFeeds");
			return (Integer) feeds.getClass().getMethod("subscribers").invoke(feeds);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Committed transactions of the database so far (every reader's and writer's). */
	private long transactions() {
		return owner.sql("select xact_commit from pg_stat_database where datname = current_database()").query(Long.class)
			.single();
	}

	private String token() {
		return new HttpProbe(port).json("POST", "/api/v1/auth/login", "{\"email\":\"" + HttpProbe.ADMIN_EMAIL + "\",\"password\":\""
				+ HttpProbe.ADMIN_PASSWORD + "\"}").json().get("accessToken").asString();
	}

	private static long heapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long least = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
			least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
		}
		return least;
	}

	/** The node's class histogram (instances, bytes by class) after a full GC (the {@code GC.class_histogram} command). */
	private static Map<String, long[]> histogram() throws Exception {
		String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
				new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram", new Object[] { new String[0] },
				new String[] { String[].class.getName() });
		Map<String, long[]> classes = new HashMap<>();
		for (String line : text.split("\n")) {
			String[] fields = line.strip().split("\\s+");
			if (fields.length >= 4 && fields[0].endsWith(":")) {
				classes.put(fields[3], new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[2]) });
			}
		}
		return classes;
	}

	/** The 15 classes that grew most, as {@code "class": [instances, bytes]} per connection. */
	private static String growth(Map<String, long[]> before, Map<String, long[]> after, int connections) {
		return after.entrySet().stream().map(entry -> {
			long[] was = before.getOrDefault(entry.getKey(), new long[2]);
			return Map.entry(entry.getKey(), new long[] { entry.getValue()[0] - was[0], entry.getValue()[1] - was[1] });
		}).sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(15)
			.map(entry -> String.format(Locale.ROOT, "\"%s\":[%.2f,%d]", entry.getKey(),
					entry.getValue()[0] / (double) connections, entry.getValue()[1] / connections))
			.collect(Collectors.joining(",", "{", "}"));
	}

	private static String percentiles(long[] sortedNanos) {
		if (sortedNanos.length == 0) {
			return "null";
		}
		return String.format(Locale.ROOT, "{\"p50\":%.2f,\"p90\":%.2f,\"p99\":%.2f,\"max\":%.2f,\"min\":%.2f}",
				pct(sortedNanos, 50), pct(sortedNanos, 90), pct(sortedNanos, 99), sortedNanos[sortedNanos.length - 1] / 1e6,
				sortedNanos[0] / 1e6);
	}

	private static double pct(long[] sorted, double percentile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
	}

	private static double load() throws IOException {
		return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
	}

	private static void publish(String part, String report) throws IOException {
		System.out.println("LIVE BENCHMARK " + report);
		Files.writeString(Path.of("target", "live-bench-" + part + ".json"), report + "\n");
	}
}
