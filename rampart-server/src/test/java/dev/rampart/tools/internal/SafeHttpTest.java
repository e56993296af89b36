package dev.rampart.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocketFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TraceIds;
import dev.rampart.tools.EgressPolicy;
import dev.rampart.tools.SafeHttp;
import dev.rampart.tools.SafeHttp.Request;
import dev.rampart.tools.SafeHttp.Response;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The SSRF defence of tools' outbound calls (docs/tools-egress.md): a table of refused targets, and a loopback test
 * server that is reachable only when a tenant allowlists it as {@code 127.0.0.1:<port>}.
 */
class SafeHttpTest {

	private static final TenantId TENANT = TenantId.DEFAULT;

	private static final AtomicInteger hits = new AtomicInteger();

	private static final CountDownLatch release = new CountDownLatch(1);

	private static HttpServer server;

	private static String base;

	private static String entry;

	/** A fake DNS: names tests use, resolved without a network. */
	private final AtomicInteger lookups = new AtomicInteger();

	private final SafeHttp http = new SocketSafeHttp(this::resolve, (SSLSocketFactory) SSLSocketFactory.getDefault());

	private InetAddress[] resolve(String host) throws UnknownHostException {
		lookups.incrementAndGet();
		return switch (host) {
			case "intranet.example" -> new InetAddress[] { InetAddress.getByName("10.1.2.3") };
			case "mixed.example" -> new InetAddress[] { InetAddress.getByName("93.184.215.14"),
					InetAddress.getByName("192.168.0.7") };
			case "v6private.example" -> new InetAddress[] { InetAddress.getByName("fd12::1") };
			case "loop.example" -> new InetAddress[] { InetAddress.getByName("127.0.0.1") };
			default -> InetAddress.getAllByName(host);
		};
	}

	@BeforeAll
	static void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/hello", exchange -> answer(exchange, 200, "hello from loopback"));
		server.createContext("/traceparent", exchange -> answer(exchange, 200,
				String.valueOf(exchange.getRequestHeaders().getFirst("traceparent"))));
		server.createContext("/echo", exchange -> answer(exchange, 200,
				exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
		server.createContext("/to-loopback", exchange -> redirect(exchange, "http://127.0.0.1:1/secret"));
		server.createContext("/to-metadata", exchange -> redirect(exchange, "http://169.254.169.254/latest/meta-data/"));
		server.createContext("/to-private-name", exchange -> redirect(exchange, "http://intranet.example/"));
		server.createContext("/to-hello", exchange -> redirect(exchange, "/hello"));
		server.createContext("/loop", exchange -> redirect(exchange, "/loop"));
		server.createContext("/big", exchange -> answer(exchange, 200, "x".repeat(4096)));
		server.createContext("/big-chunked", exchange -> {
			hits.incrementAndGet();
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				for (int i = 0; i < 64; i++) {
					out.write("y".repeat(128).getBytes(StandardCharsets.UTF_8));
				}
			}
		});
		server.createContext("/slow", exchange -> {
			hits.incrementAndGet();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
		server.start();
		int port = server.getAddress().getPort();
		base = "http://127.0.0.1:" + port;
		entry = "127.0.0.1:" + port;
	}

	@AfterAll
	static void stopServer() {
		release.countDown();
		server.stop(0);
	}

	@BeforeEach
	void resetHits() {
		hits.set(0);
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		hits.incrementAndGet();
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void redirect(HttpExchange exchange, String location) throws IOException {
		hits.incrementAndGet();
		exchange.getResponseHeaders().add("Location", location);
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	static Stream<Arguments> refusedTargets() {
		// the server is open; the redirect targets are on the allowlist too, so only the address check refuses them
		EgressPolicy open = EgressPolicy.defaults().withAllowedHosts(entry, "127.0.0.1", "169.254.169.254", "intranet.example");
		EgressPolicy none = EgressPolicy.defaults();
		return Stream.of(arguments("IPv4 loopback", "http://127.0.0.1/", none),
				arguments("IPv4 loopback, elsewhere in 127/8", "http://127.1.2.3:8080/", none),
				arguments("localhost", "http://localhost/", none),
				arguments("localhost, upper case with a trailing dot", "http://LOCALHOST./", none),
				arguments("a sub-domain of localhost", "http://app.localhost/", none),
				arguments("10/8", "http://10.0.0.1/", none), arguments("10/8, top", "http://10.255.255.254/", none),
				arguments("172.16/12", "http://172.16.0.1/", none), arguments("172.16/12, top", "http://172.31.255.254/", none),
				arguments("192.168/16", "http://192.168.1.1/", none), arguments("CGNAT 100.64/10", "http://100.64.0.1/", none),
				arguments("cloud metadata address", "http://169.254.169.254/latest/meta-data/", none),
				arguments("cloud metadata address, even when allowlisted", "http://169.254.169.254:80/",
						none.withAllowedHosts("169.254.169.254:80")),
				arguments("cloud metadata name", "http://metadata.google.internal/computeMetadata/v1/", none),
				arguments("link-local", "http://169.254.1.1/", none), arguments("0.0.0.0", "http://0.0.0.0/", none),
				arguments("0/8", "http://0.1.2.3/", none), arguments("broadcast", "http://255.255.255.255/", none),
				arguments("multicast", "http://224.0.0.1/", none), arguments("IPv6 loopback", "http://[::1]/", none),
				arguments("IPv6 unspecified", "http://[::]/", none),
				arguments("IPv4-mapped loopback", "http://[::ffff:127.0.0.1]/", none),
				arguments("IPv4-mapped loopback, hex", "http://[::ffff:7f00:1]/", none),
				arguments("IPv4-mapped private", "http://[::ffff:10.0.0.1]/", none),
				arguments("IPv4-compatible loopback", "http://[::127.0.0.1]/", none),
				arguments("NAT64 loopback", "http://[64:ff9b::7f00:1]/", none),
				arguments("6to4 of a private address", "http://[2002:c0a8:101::1]/", none),
				arguments("IPv6 link-local", "http://[fe80::1]/", none),
				arguments("IPv6 unique-local", "http://[fd00::1]/", none),
				arguments("AWS IPv6 metadata", "http://[fd00:ec2::254]/", none),
				arguments("IPv6 multicast", "http://[ff02::1]/", none),
				arguments("decimal IPv4", "http://2130706433/", none),
				arguments("octal IPv4", "http://0177.0.0.1/", none), arguments("hex IPv4", "http://0x7f.1/", none),
				arguments("hex IPv4, one number", "http://0x7f000001/", none),
				arguments("shortened IPv4", "http://127.1/", none),
				arguments("leading zeros", "http://010.0.0.1/", none),
				arguments("file:", "file:///etc/passwd", none), arguments("gopher:", "gopher://127.0.0.1:70/_x", none),
				arguments("ftp:", "ftp://ftp.example.com/", none), arguments("jar:", "jar:http://example.com/a.jar!/", none),
				arguments("user info hiding the host", "http://example.com@127.0.0.1/", none),
				arguments("a name resolving to a private address", "http://intranet.example/", none),
				arguments("a name with one private address among public ones", "http://mixed.example/", none),
				arguments("a name resolving to IPv6 unique-local", "http://v6private.example/", none),
				arguments("the loopback test server, not allowlisted", base + "/hello", none),
				arguments("the test server allowlisted without its port", base + "/hello",
						none.withAllowedHosts("127.0.0.1")),
				arguments("the test server allowlisted on another port", base + "/hello",
						none.withAllowedHosts("127.0.0.1:1")),
				arguments("a redirect from the allowlisted server to loopback", base + "/to-loopback", open),
				arguments("a redirect to the metadata address", base + "/to-metadata", open),
				arguments("a redirect to a name resolving to a private address", base + "/to-private-name", open),
				arguments("a public host not on the tenant's allowlist", "https://example.org/",
						none.withAllowedHosts("example.com", "*.example.net")));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("refusedTargets")
	void refusesTarget(String what, String url, EgressPolicy policy) {
		assertThatThrownBy(() -> http.send(TENANT, Request.get(URI.create(url)), policy))
			.isInstanceOfSatisfying(RampartException.class,
					ex -> assertThat(ex.code()).as(ex.technicalDetails()).isEqualTo(ErrorCode.EGRESS_REFUSED));
		assertThat(hits.get()).as("requests the test server answered").isLessThanOrEqualTo(1);
	}

	@Test
	void theTableHasAtLeastTwentyTargets() {
		assertThat(refusedTargets().count()).isGreaterThanOrEqualTo(20);
	}

	@Test
	void aRedirectToARefusedAddressIsRefusedAfterTheFirstHopOnly() {
		// 127.0.0.1 without a port passes the allowlist, but does not open the loopback address
		EgressPolicy open = EgressPolicy.defaults().withAllowedHosts(entry, "127.0.0.1");

		assertThatThrownBy(() -> http.send(TENANT, Request.get(URI.create(base + "/to-loopback")), open))
			.isInstanceOfSatisfying(RampartException.class, ex -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.EGRESS_REFUSED);
				assertThat(ex.technicalDetails()).isEqualTo("http://127.0.0.1:1/secret is a loopback address; only an "
						+ "allowlist entry 127.0.0.1:1 can open it");
			});
		assertThat(hits.get()).isEqualTo(1);
	}

	@Test
	void theLoopbackServerIsReachableOnlyWhenAllowlistedWithItsPort() {
		Response response = http.send(TENANT, Request.get(URI.create(base + "/hello")),
				EgressPolicy.defaults().withAllowedHosts(entry));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.bodyText()).isEqualTo("hello from loopback");
		assertThat(response.header("Content-Length")).contains("19");
	}

	@Test
	void theCurrentTraceContextGoesAlongAsTraceparentUnlessTheRequestNamesOne() {
		String current = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		TraceIds traces = new TraceIds(new StaticListableBeanFactory().getBeanProvider(Tracer.class)) {

			@Override
			public String traceparent() {
				return current;
			}
		};
		SafeHttp traced = new SocketSafeHttp(this::resolve, (SSLSocketFactory) SSLSocketFactory.getDefault(), traces);
		EgressPolicy policy = EgressPolicy.defaults().withAllowedHosts(entry);
		String own = "00-11111111111111111111111111111111-2222222222222222-01";

		Response sent = traced.send(TENANT, Request.get(URI.create(base + "/traceparent")), policy);
		Response kept = traced.send(TENANT, new Request("GET", URI.create(base + "/traceparent"), Map.of("traceparent", own),
				null), policy);
		Response untraced = http.send(TENANT, Request.get(URI.create(base + "/traceparent")), policy);

		assertThat(sent.bodyText()).isEqualTo(current);
		assertThat(kept.bodyText()).isEqualTo(own);
		assertThat(untraced.bodyText()).isEqualTo("null");
	}

	@Test
	void aNameResolvingToLoopbackIsReachableWhenThatNameAndPortAreAllowlisted() {
		int port = server.getAddress().getPort();
		EgressPolicy policy = EgressPolicy.defaults().withAllowedHosts("loop.example:" + port);

		Response response = http.send(TENANT, Request.get(URI.create("http://loop.example:" + port + "/hello")), policy);

		assertThat(response.bodyText()).isEqualTo("hello from loopback");
		assertThat(lookups.get()).as("DNS lookups: one, and the socket went to its answer").isEqualTo(1);
	}

	@Test
	void localhostIsRefusedEvenThoughItResolves() throws UnknownHostException {
		assertThat(InetAddress.getByName("localhost").isLoopbackAddress()).isTrue();
		int port = server.getAddress().getPort();

		assertThatThrownBy(() -> http.send(TENANT, Request.get(URI.create("http://localhost:" + port + "/hello")),
				EgressPolicy.defaults()))
			.isInstanceOfSatisfying(RampartException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.EGRESS_REFUSED));
		assertThat(http.send(TENANT, Request.get(URI.create("http://localhost:" + port + "/hello")),
				EgressPolicy.defaults().withAllowedHosts("localhost:" + port)).bodyText()).isEqualTo("hello from loopback");
	}

	@Test
	void aNameFromTheHostsFileResolvingToLoopbackIsRefused() throws IOException {
		Path hostsFile = Path.of("/etc/hosts");
		Assumptions.assumeTrue(Files.isReadable(hostsFile));
		String name = Files.readAllLines(hostsFile).stream().map(String::trim)
			.filter(line -> line.startsWith("127.") || line.startsWith("10.") || line.startsWith("192.168."))
			.flatMap(line -> Stream.of(line.split("\\s+")).skip(1))
			.filter(host -> !host.startsWith("#") && !host.contains("localhost") && host.matches("[A-Za-z0-9.-]+"))
			.findFirst().orElse(null);
		Assumptions.assumeTrue(name != null, "no name other than localhost maps to a private address in /etc/hosts");
		SafeHttp real = new SocketSafeHttp();

		assertThatThrownBy(() -> real.send(TENANT, Request.get(URI.create("http://" + name + "/")), EgressPolicy.defaults()))
			.isInstanceOfSatisfying(RampartException.class, ex -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.EGRESS_REFUSED);
				assertThat(ex.technicalDetails()).contains("resolves to");
			});
	}

	@Test
	void anAllowedRedirectIsFollowedAndCheckedAgain() {
		Response response = http.send(TENANT, Request.get(URI.create(base + "/to-hello")),
				EgressPolicy.defaults().withAllowedHosts(entry));

		assertThat(response.bodyText()).isEqualTo("hello from loopback");
		assertThat(response.uri()).isEqualTo(URI.create(base + "/hello"));
	}

	@Test
	void tooManyRedirectsFail() {
		assertThatThrownBy(() -> http.send(TENANT, Request.get(URI.create(base + "/loop")),
				EgressPolicy.defaults().withAllowedHosts(entry)))
			.isInstanceOfSatisfying(RampartException.class, ex -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.EGRESS_LIMIT_EXCEEDED);
				assertThat(ex.technicalDetails()).contains("redirected more than 3 times");
			});
		assertThat(hits.get()).isEqualTo(4);
	}

	@Test
	void withoutRedirectsTheRedirectItselfIsReturned() {
		Response response = http.send(TENANT, Request.get(URI.create(base + "/to-loopback")),
				EgressPolicy.defaults().withAllowedHosts(entry).withMaxRedirects(0));

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.header("location")).contains("http://127.0.0.1:1/secret");
	}

	@Test
	void aPostSendsItsBody() {
		Response response = http.send(TENANT,
				Request.post(URI.create(base + "/echo"), "text/plain", "ping".getBytes(StandardCharsets.UTF_8)),
				EgressPolicy.defaults().withAllowedHosts(entry));

		assertThat(response.bodyText()).isEqualTo("POST ping");
	}

	@Test
	void aBodyLargerThanTheLimitFailsWithContentLength() {
		assertThatThrownBy(() -> http.send(TENANT, Request.get(URI.create(base + "/big")),
				EgressPolicy.defaults().withAllowedHosts(entry).withMaxResponseBytes(1024)))
			.isInstanceOfSatisfying(RampartException.class, ex -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.EGRESS_LIMIT_EXCEEDED);
				assertThat(ex.technicalDetails()).contains("larger than the limit of 1024 bytes");
			});
	}

	@Test
	void aChunkedBodyLargerThanTheLimitFails() {
		assertThatThrownBy(() -> http.send(TENANT, Request.get(URI.create(base + "/big-chunked")),
				EgressPolicy.defaults().withAllowedHosts(entry).withMaxResponseBytes(1024)))
			.isInstanceOfSatisfying(RampartException.class,
					ex -> assertThat(ex.code()).isEqualTo(ErrorCode.EGRESS_LIMIT_EXCEEDED));
		assertThat(http.send(TENANT, Request.get(URI.create(base + "/big-chunked")),
				EgressPolicy.defaults().withAllowedHosts(entry)).body()).hasSize(64 * 128);
	}

	@Test
	void aServerThatDoesNotAnswerInTimeFailsTheCall() {
		assertThatThrownBy(() -> http.send(TENANT, Request.get(URI.create(base + "/slow")),
				EgressPolicy.defaults().withAllowedHosts(entry).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300))))
			.isInstanceOfSatisfying(RampartException.class, ex -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.EGRESS_UNAVAILABLE);
				assertThat(ex.code().retryable()).isTrue();
				assertThat(ex.technicalDetails()).contains("did not answer within the time limit of 300 ms");
			});
	}

	@Test
	void headerInjectionAndReservedHeadersAreRefused() {
		EgressPolicy policy = EgressPolicy.defaults().withAllowedHosts(entry);
		URI hello = URI.create(base + "/hello");

		assertThatThrownBy(() -> http.send(TENANT, new Request("GET", hello, Map.of("X-A", "1\r\nHost: evil"), null), policy))
			.isInstanceOfSatisfying(RampartException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.EGRESS_REFUSED));
		assertThatThrownBy(() -> http.send(TENANT, new Request("GET", hello, Map.of("Host", "internal"), null), policy))
			.isInstanceOfSatisfying(RampartException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.EGRESS_REFUSED));
		assertThat(hits.get()).isZero();
	}

	@Test
	void refusalsDoNotShowTheQueryOrTheResolvedAddress() {
		assertThatThrownBy(() -> http.send(TENANT, Request.get(URI.create("http://intranet.example/x?api_key=s3cret")),
				EgressPolicy.defaults()))
			.isInstanceOfSatisfying(RampartException.class, ex -> assertThat(ex.technicalDetails())
				.isEqualTo("http://intranet.example/x resolves to a private network address; only an allowlist entry "
						+ "intranet.example:80 can open it"));
	}

	@Test
	void malformedAllowlistEntriesAreRejectedWhenThePolicyIsMade() {
		for (String bad : List.of("http://example.com", "example.com/path", "*.", "host:99999", "a b")) {
			assertThatThrownBy(() -> EgressPolicy.defaults().withAllowedHosts(bad))
				.isInstanceOf(IllegalArgumentException.class);
		}
		assertThatThrownBy(() -> EgressPolicy.defaults().withAllowedSchemes("ftp"))
			.isInstanceOf(IllegalArgumentException.class);
	}
}
