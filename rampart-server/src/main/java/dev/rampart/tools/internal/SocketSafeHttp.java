package dev.rampart.tools.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TraceIds;
import dev.rampart.tools.EgressPolicy;
import dev.rampart.tools.SafeHttp;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@link SafeHttp} over plain sockets: each hop's URL is checked by {@link EgressTargets}, the socket is connected to
 * one of the checked addresses (never to the name, so DNS is asked once per hop), TLS is layered on with SNI and
 * host-name verification against the name in the URL, and redirects are followed here, each one checked again.
 */
@Component
class SocketSafeHttp implements SafeHttp {

	private static final Logger log = LoggerFactory.getLogger(SocketSafeHttp.class);

	private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
			"connection", "upgrade", "te", "expect", "keep-alive", "proxy-connection", "trailer");

	private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

	private final EgressTargets targets;

	private final SSLSocketFactory tls;

	/** The trace context sent along as {@code traceparent}, or null (no header). */
	private final @Nullable TraceIds traces;

	@Autowired
	SocketSafeHttp(TraceIds traces) {
		this(InetAddress::getAllByName, (SSLSocketFactory) SSLSocketFactory.getDefault(), traces);
	}

	SocketSafeHttp() {
		this(InetAddress::getAllByName, (SSLSocketFactory) SSLSocketFactory.getDefault(), null);
	}

	SocketSafeHttp(EgressTargets.Resolver resolver, SSLSocketFactory tls) {
		this(resolver, tls, null);
	}

	SocketSafeHttp(EgressTargets.Resolver resolver, SSLSocketFactory tls, @Nullable TraceIds traces) {
		this.targets = new EgressTargets(resolver);
		this.tls = tls;
		this.traces = traces;
	}

	@Override
	public Response send(TenantId tenant, Request request, EgressPolicy policy) {
		validate(request);
		Deadline deadline = Deadline.after(policy.totalTimeout());
		Request current = traced(request);
		for (int redirects = 0;; redirects++) {
			EgressTargets.Target target = targets.check(current.uri(), policy);
			Http11Exchange.Raw raw = exchange(target, current, policy, deadline);
			String location = raw.first("location");
			if (!isRedirect(raw.status()) || location == null || policy.maxRedirects() == 0) {
				log.debug("tenant {}: {} {} answered {}", tenant, current.method(), EgressTargets.shown(current.uri()),
						raw.status());
				return new Response(raw.status(), Map.copyOf(raw.headers()), raw.body(), current.uri());
			}
			if (redirects >= policy.maxRedirects()) {
				throw new RampartException(ErrorCode.EGRESS_LIMIT_EXCEEDED, EgressTargets.shown(request.uri())
						+ " redirected more than " + policy.maxRedirects() + " times");
			}
			current = redirected(current, raw.status(), location);
		}
	}

	/** The request with the current trace context as {@code traceparent} (W3C), unless it names one itself. */
	private Request traced(Request request) {
		String traceparent = traces == null ? null : traces.traceparent();
		if (traceparent == null || request.headers().keySet().stream().anyMatch(name -> name.equalsIgnoreCase("traceparent"))) {
			return request;
		}
		Map<String, String> headers = new LinkedHashMap<>(request.headers());
		headers.put("traceparent", traceparent);
		return new Request(request.method(), request.uri(), headers, request.body());
	}

	private Http11Exchange.Raw exchange(EgressTargets.Target target, Request request, EgressPolicy policy,
			Deadline deadline) {
		String shown = EgressTargets.shown(request.uri());
		try (Socket socket = connect(target, policy, deadline, shown)) {
			return Http11Exchange.exchange(socket, deadline, target.hostHeader(), request.uri(), request,
					policy.maxResponseBytes());
		}
		catch (SocketTimeoutException ex) {
			throw unavailable(shown + " did not answer within the time limit of " + policy.totalTimeout().toMillis()
					+ " ms", ex);
		}
		catch (SSLException ex) {
			throw unavailable(shown + ": the TLS connection failed (certificate or protocol)", ex);
		}
		catch (IOException ex) {
			throw unavailable(shown + ": the server's answer was not valid HTTP or the connection broke", ex);
		}
	}

	/** Tries each checked address in turn; the first that accepts gets the request. */
	private Socket connect(EgressTargets.Target target, EgressPolicy policy, Deadline deadline, String shown)
			throws IOException {
		for (InetAddress address : target.addresses()) {
			Socket socket = new Socket();
			try {
				int timeout = Math.min(deadline.remainingMillis(), (int) Math.min(Integer.MAX_VALUE,
						policy.connectTimeout().toMillis()));
				socket.connect(new InetSocketAddress(address, target.port()), timeout);
				if (!target.https()) {
					return socket;
				}
				SSLSocket secure = (SSLSocket) tls.createSocket(socket, target.host(), target.port(), true);
				SSLParameters parameters = secure.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				if (!Character.isDigit(target.host().charAt(0)) && !target.host().contains(":")) {
					parameters.setServerNames(List.of(new SNIHostName(target.host())));
				}
				secure.setSSLParameters(parameters);
				secure.setSoTimeout(deadline.remainingMillis());
				secure.startHandshake();
				return secure;
			}
			catch (SSLException ex) {
				socket.close();
				throw ex;
			}
			catch (IOException ex) {
				socket.close();
				log.debug("{}: connecting to one of its addresses failed: {}", shown, ex.toString());
			}
		}
		throw unavailable(shown + ": could not connect to the server", null);
	}

	private static Request redirected(Request from, int status, String location) {
		URI next;
		try {
			next = from.uri().resolve(location);
		}
		catch (IllegalArgumentException ex) {
			throw unavailable(EgressTargets.shown(from.uri()) + " redirected to an invalid URL", ex);
		}
		boolean toGet = status == 303 || ((status == 301 || status == 302) && from.method().equals("POST"));
		String method = toGet && !from.method().equals("HEAD") ? "GET" : from.method();
		Map<String, String> headers = new LinkedHashMap<>(from.headers());
		if (!sameOrigin(from.uri(), next)) {
			headers.keySet().removeIf(name -> CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT)));
		}
		if (toGet) {
			headers.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Type"));
		}
		return new Request(method, next, headers, toGet ? null : from.body());
	}

	private static boolean sameOrigin(URI a, URI b) {
		return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
				&& a.getPort() == b.getPort();
	}

	private static boolean isRedirect(int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

	private static void validate(Request request) {
		if (!TOKEN.matcher(request.method()).matches()) {
			throw EgressTargets.refused(request.uri(), "uses an invalid HTTP method");
		}
		for (Map.Entry<String, String> header : request.headers().entrySet()) {
			String name = header.getKey();
			if (!TOKEN.matcher(name).matches() || header.getValue().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
				throw EgressTargets.refused(request.uri(), "has a header with an invalid name or a line break in its value");
			}
			if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				throw EgressTargets.refused(request.uri(), "sets the header " + name + ", which only Rampart may set");
			}
		}
	}

	private static RampartException unavailable(String details, @Nullable Throwable cause) {
		return new RampartException(ErrorCode.EGRESS_UNAVAILABLE, details, null, cause);
	}
}
