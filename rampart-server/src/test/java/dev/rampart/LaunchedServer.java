package dev.rampart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server jar started as its own process, the way an operator starts it. Used by tests
 * that must see real start-up, shutdown, crashes and the messages printed on the console.
 */
public final class LaunchedServer implements AutoCloseable {

	private static final Path JAR = Path.of("target", "rampart-server.jar");

	private final Process process;
	private final StringBuffer stdout = new StringBuffer();
	private final StringBuffer stderr = new StringBuffer();
	public final int port;

	private LaunchedServer(Process process, int port) {
		this.process = process;
		this.port = port;
		pump(process.getInputStream(), stdout);
		pump(process.getErrorStream(), stderr);
	}

	public static LaunchedServer start(int port, Map<String, String> env) throws IOException {
		if (!Files.exists(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the integration tests with mvn verify");
		}
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-jar", JAR.toString()));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().keySet().removeIf(name -> name.startsWith("RAMPART_") || name.startsWith("SPRING_"));
		builder.environment().put("RAMPART_PORT", Integer.toString(port));
		builder.environment().put("RAMPART_DB_EMBEDDED_RUNTIME_DIR", Path.of("target", "pg-runtime").toAbsolutePath().toString());
		builder.environment().putAll(env);
		return new LaunchedServer(builder.start(), port);
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Waits until the node prints that it is ready, on http or (with TLS on) https; fails with everything it
	 * printed if it exits first.
	 */
	public LaunchedServer awaitReady(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			int ready = Math.max(stdout.indexOf("Rampart is ready on http://localhost:" + port + " "),
					stdout.indexOf("Rampart is ready on https://localhost:" + port + " "));
			// The banner arrives line by line: wait for its last line, so tests can read all of it.
			if (ready >= 0 && stdout.indexOf("API docs:", ready) >= 0) {
				return this;
			}
			if (!process.isAlive()) {
				throw new AssertionError("server exited with " + process.exitValue() + "\n" + output());
			}
			Thread.sleep(100);
		}
		throw new AssertionError("server not ready within " + timeout + "\n" + output());
	}

	/** Waits for the process to end by itself and returns its exit code. */
	public int awaitExit(Duration timeout) throws InterruptedException {
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("server still running after " + timeout + "\n" + output());
		}
		return process.exitValue();
	}

	/** SIGTERM: the graceful shutdown an operator or an orchestrator asks for. */
	public int stop() throws InterruptedException {
		process.destroy();
		return awaitExit(Duration.ofSeconds(60));
	}

	/** SIGKILL: the node dies without any chance to clean up. */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
	}

	public String stdout() {
		return stdout.toString();
	}

	public String stderr() {
		return stderr.toString();
	}

	private String output() {
		String out = stdout.toString();
		return "--- stdout (tail) ---\n" + out.substring(Math.max(0, out.length() - 6000)) + "\n--- stderr ---\n" + stderr;
	}

	private static void pump(InputStream stream, StringBuffer sink) {
		Thread.ofVirtual().start(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					sink.append(line).append('\n');
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		});
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			stop();
		}
	}
}
