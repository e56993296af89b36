package dev.rampart.secrets.internal.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The running JDK's own {@code keytool}, so that key pairs and certificates are made by the JDK and
 * not by code of ours. Callers pass secrets through files ({@code -storepass:file}), never as arguments.
 */
final class Keytool {

	private static final long TIMEOUT_SECONDS = 60;

	private final Path executable;

	Keytool(Path executable) {
		this.executable = executable;
	}

	static Keytool ofRunningJdk() {
		Path bin = Path.of(System.getProperty("java.home"), "bin");
		Path unix = bin.resolve("keytool");
		return new Keytool(Files.exists(unix) ? unix : bin.resolve("keytool.exe"));
	}

	/** Runs keytool with these arguments; fails with its output when it does not succeed. */
	void run(List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>(arguments.size() + 1);
		command.add(executable.toString());
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		try {
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("keytool did not finish within " + TIMEOUT_SECONDS + " s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException("interrupted while waiting for keytool", ex);
		}
		if (process.exitValue() != 0) {
			throw new IOException("keytool exited with " + process.exitValue() + ": " + output);
		}
	}
}
