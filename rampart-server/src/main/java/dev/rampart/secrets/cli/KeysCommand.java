package dev.rampart.secrets.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code rampart keys ...}: key administration from the Rampart host, through the running node's
 * {@code /api/v1/admin/keys} endpoints, which answer platform admins calling over loopback only. The
 * command signs in as a platform admin ({@code --email} or {@code RAMPART_ADMIN_EMAIL}, the password
 * from {@code RAMPART_ADMIN_PASSWORD} or typed at the prompt; the bootstrap variables as a fallback),
 * refreshes the access token while it follows a long rewrap, and signs out at the end. Prints progress
 * of the rewrap job until it ends. Exit codes: 0 done, 1 refused or failed, 2 usage error.
 */
public final class KeysCommand {

	static final String USAGE = """
			Usage: rampart keys <command> [--email EMAIL] [--url URL] [--cacert FILE]
			  status                    show KEK versions, data keys per version and the last rewrap job
			  rotate                    make a new KEK version current and re-wrap every data key under it
			  rewrap                    re-wrap data keys still under an older version (after a failed run)
			  retire <version> [--force]  refuse versions below <version> from now on
			Options:
			  --email EMAIL  the platform admin to sign in as (default $RAMPART_ADMIN_EMAIL, else
			                 $RAMPART_BOOTSTRAP_ADMIN_EMAIL); the password comes from $RAMPART_ADMIN_PASSWORD
			                 (else $RAMPART_BOOTSTRAP_ADMIN_PASSWORD) or is asked for on the terminal
			  --url URL      the node to manage (default http://127.0.0.1:$RAMPART_PORT, port 8080;
			                 https://localhost:$RAMPART_PORT when RAMPART_TLS is set)
			  --cacert FILE  trust this PEM certificate for https (default with RAMPART_TLS=auto: data/tls/rampart.crt)""";

	private static final Duration POLL = Duration.ofMillis(500);

	private final PrintStream out;
	private final AdminSession session;

	private KeysCommand(PrintStream out, AdminSession session) {
		this.out = out;
		this.session = session;
	}

	/** Started by {@code ./rampart keys} through Spring Boot's PropertiesLauncher, outside any Spring context. */
	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		return run(args, System.getenv(), System.console(), out, err);
	}

	/** With the environment and the terminal (null or not a terminal: no password prompt) given, for tests. */
	public static int run(String[] args, Map<String, String> environment, @Nullable Console console, PrintStream out,
			PrintStream err) {
		Env env = new Env(environment);
		List<String> positional = new ArrayList<>();
		String url = null;
		String cacert = null;
		String email = null;
		boolean force = false;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--url" -> url = i + 1 < args.length ? args[++i] : null;
				case "--email" -> email = i + 1 < args.length ? args[++i] : null;
				case "--cacert" -> cacert = i + 1 < args.length ? args[++i] : null;
				case "--force" -> force = true;
				case "-h", "--help" -> {
					out.println(USAGE);
					return 0;
				}
				default -> positional.add(args[i]);
			}
		}
		if (positional.isEmpty()) {
			err.println(USAGE);
			return 2;
		}
		String command = positional.getFirst();
		boolean retireValid = command.equals("retire") && positional.size() == 2 && positional.get(1).matches("\\d+");
		if (!List.of("status", "rotate", "rewrap").contains(command) && !retireValid) {
			return usage(err);
		}
		String base = url == null ? defaultUrl(env) : stripSlash(url);
		try {
			if (cacert == null && url == null && tlsOn(env)) {
				Path generated = Path.of(env.get("RAMPART_DATA_DIR", "./data"), "tls", "rampart.crt");
				cacert = Files.isRegularFile(generated) ? generated.toString() : null;
			}
			AdminSession.Credentials credentials = credentials(email, env, console);
			try (AdminSession session = AdminSession.signIn(client(cacert), base, credentials)) {
				KeysCommand keys = new KeysCommand(out, session);
				return switch (command) {
					case "status" -> keys.status();
					case "rotate" -> keys.rotate();
					case "rewrap" -> keys.rewrap();
					default -> keys.retire(Integer.parseInt(positional.get(1)), force);
				};
			}
		}
		catch (ConnectException ex) {
			err.println("rampart keys: no Rampart node answers at " + base + "; start it or pass --url.");
			return 1;
		}
		catch (IOException | InterruptedException | java.security.GeneralSecurityException ex) {
			err.println("rampart keys: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
			return 1;
		}
		catch (AdminSession.Refused ex) {
			err.println("rampart keys: " + ex.getMessage());
			return 1;
		}
	}

	private int status() throws IOException, InterruptedException {
		JsonNode overview = session.call("GET", "/api/v1/admin/keys", null);
		JsonNode kek = overview.get("kek");
		out.printf("KEK backend %s: current version %d, minimum decryption version %d%n", kek.get("backend").asString(),
				kek.get("currentVersion").asInt(), kek.get("minDecryptionVersion").asInt());
		for (JsonNode use : overview.get("dataKeys")) {
			out.printf("  version %d wraps %d data keys%n", use.get("version").asInt(), use.get("dataKeys").asLong());
		}
		out.printf("Data keys under an older version than current: %d%n", overview.get("dataKeysBehindCurrent").asLong());
		JsonNode job = overview.get("lastRewrap");
		if (job != null && !job.isNull()) {
			out.printf("Last rewrap %s: %s, %d of %d data keys%s%n", job.get("id").asString(), job.get("status").asString(),
					job.get("done").asLong(), job.get("total").asLong(), job.get("error").isNull() ? "" : " (" + job.get("error").asString() + ")");
		}
		return 0;
	}

	private int rotate() throws IOException, InterruptedException {
		JsonNode rotation = session.call("POST", "/api/v1/admin/keys/rotate", null);
		out.printf("KEK version %d is now current.%n", rotation.get("currentVersion").asInt());
		JsonNode job = rotation.get("rewrap");
		if (job == null || job.isNull()) {
			out.println("A rewrap job was already running; it or the next scheduled check re-wraps the rest.");
			return 0;
		}
		return follow(job);
	}

	private int rewrap() throws IOException, InterruptedException {
		return follow(session.call("POST", "/api/v1/admin/keys/rewrap", null));
	}

	private int retire(int version, boolean force) throws IOException, InterruptedException {
		session.call("PUT", "/api/v1/admin/keys/min-decryption-version", "{\"version\":" + version + ",\"force\":" + force + "}");
		out.printf("KEK versions below %d are retired: data still wrapped under them can no longer be read.%n", version);
		return 0;
	}

	private int follow(JsonNode job) throws IOException, InterruptedException {
		String id = job.get("id").asString();
		long shown = -1;
		while (true) {
			long done = job.get("done").asLong();
			long total = job.get("total").asLong();
			if (done != shown) {
				out.printf("rewrap %s: %d of %d data keys re-wrapped to version %d (%d%%)%n", id, done, total,
						job.get("targetVersion").asInt(), total == 0 ? 100 : done * 100 / total);
				shown = done;
			}
			String status = job.get("status").asString();
			if (!status.equals("running")) {
				out.printf("rewrap %s %s%s%n", id, status, job.get("error").isNull() ? "" : ": " + job.get("error").asString());
				return status.equals("succeeded") ? 0 : 1;
			}
			Thread.sleep(POLL);
			job = session.call("GET", "/api/v1/admin/keys/jobs/" + id, null);
		}
	}

	/** The platform admin's address and password: flag, environment, then the terminal. */
	private static AdminSession.Credentials credentials(@Nullable String email, Env env, @Nullable Console console) {
		String address = email != null ? email : env.get("RAMPART_ADMIN_EMAIL", env.get("RAMPART_BOOTSTRAP_ADMIN_EMAIL", ""));
		String password = env.get("RAMPART_ADMIN_PASSWORD", env.get("RAMPART_BOOTSTRAP_ADMIN_PASSWORD", ""));
		if (address.isEmpty()) {
			throw new AdminSession.Refused("sign in as a platform admin: pass --email or set RAMPART_ADMIN_EMAIL (and RAMPART_ADMIN_PASSWORD).");
		}
		if (password.isEmpty()) {
			if (console == null || !console.isTerminal()) {
				throw new AdminSession.Refused("no password for " + address + ": set RAMPART_ADMIN_PASSWORD or run the command on a terminal.");
			}
			char[] typed = console.readPassword("Password for %s: ", address);
			password = typed == null ? "" : new String(typed);
		}
		return new AdminSession.Credentials(address, password);
	}

	private static int usage(PrintStream err) {
		err.println(USAGE);
		return 2;
	}

	/** The local node: https with the certificate RAMPART_TLS=auto generated when TLS is on, else http. */
	private static String defaultUrl(Env env) {
		return (tlsOn(env) ? "https://localhost:" : "http://127.0.0.1:") + env.get("RAMPART_PORT", "8080");
	}

	private static boolean tlsOn(Env env) {
		return !env.get("RAMPART_TLS", "off").equalsIgnoreCase("off");
	}

	private record Env(Map<String, String> variables) {

		String get(String name, String fallback) {
			String value = variables.get(name);
			return value == null || value.isBlank() ? fallback : value.strip();
		}
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static HttpClient client(@Nullable String cacert) throws IOException, java.security.GeneralSecurityException {
		HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
		if (cacert != null) {
			KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
			trust.load(null, null);
			try (InputStream pem = Files.newInputStream(Path.of(cacert))) {
				trust.setCertificateEntry("rampart", CertificateFactory.getInstance("X.509").generateCertificate(pem));
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			builder.sslContext(context);
		}
		return builder.build();
	}
}
