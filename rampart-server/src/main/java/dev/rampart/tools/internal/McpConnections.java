package dev.rampart.tools.internal;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import dev.rampart.secrets.Credentials;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.tools.EgressAllowlists;
import dev.rampart.tools.EgressPolicy;
import dev.rampart.tools.McpServer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Client sessions to tenants' MCP servers through the MCP SDK's streamable-HTTP transport, kept per tenant, server and
 * settings version and closed after {@link McpProperties#idleTimeout()} unused. Every request the SDK sends is first
 * checked by {@link EgressTargets} (the node allowlist applies); the SDK's {@code java.net.http} client then resolves
 * the host again itself, which leaves the DNS-rebinding window docs/mcp.md describes. Redirects are not followed. Each
 * request carries the W3C {@code traceparent} (and {@code tracestate}) of the span current where the call was made, read
 * on the caller's thread and handed to the transport in the SDK's transport context (docs/observability.md).
 */
@Component
class McpConnections implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(McpConnections.class);

	private static final McpSchema.Implementation CLIENT = new McpSchema.Implementation("rampart", "1");

	private static final int MAX_PAGES = 20;

	private static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate");

	private record Key(TenantId tenant, UUID server, long version) {
	}

	private final EgressTargets targets;
	private final EgressAllowlists allowlists;
	private final Credentials credentials;
	private final TenantTransactions transactions;
	private final McpProperties properties;
	private final Cache<Key, McpSyncClient> sessions;
	private final ObjectProvider<Tracer> tracer;
	private final ObjectProvider<Propagator> propagator;

	McpConnections(EgressAllowlists allowlists, McpProperties properties, Credentials credentials,
			TenantTransactions transactions, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.targets = new EgressTargets(InetAddress::getAllByName);
		this.allowlists = allowlists;
		this.credentials = credentials;
		this.transactions = transactions;
		this.properties = properties;
		this.sessions = Caffeine.newBuilder()
			.expireAfterAccess(properties.idleTimeout())
			.scheduler(Scheduler.systemScheduler())
			.removalListener((@Nullable Key key, @Nullable McpSyncClient client, RemovalCause cause) -> close(client))
			.build();
	}

	/** Refuses a URL that tool egress may not reach ({@code EGRESS_REFUSED}); a name that does not resolve passes. */
	void checkUrl(TenantId tenant, URI url) {
		try {
			targets.check(url, allowlists.policyFor(tenant));
		}
		catch (RampartException ex) {
			if (ex.code() == ErrorCode.EGRESS_REFUSED) {
				throw ex;
			}
		}
	}

	/** Every tool the server lists (following its pages). */
	List<McpSchema.Tool> listTools(TenantId tenant, McpServer server) {
		return withSession(tenant, server, true, client -> {
			List<McpSchema.Tool> tools = new ArrayList<>();
			String cursor = null;
			for (int page = 0; page < MAX_PAGES; page++) {
				McpSchema.ListToolsResult result = cursor == null ? client.listTools() : client.listTools(cursor);
				tools.addAll(result.tools());
				cursor = result.nextCursor();
				if (cursor == null || cursor.isEmpty()) {
					break;
				}
			}
			return tools;
		});
	}

	/** Calls one tool; a session that fails is dropped, so the next call opens a new one. Not retried: it may have run. */
	McpSchema.CallToolResult call(TenantId tenant, McpServer server, String remoteName, Map<String, Object> arguments) {
		return withSession(tenant, server, false, client -> client.callTool(new McpSchema.CallToolRequest(remoteName, arguments)));
	}

	/** Closes the sessions to a server (after it was changed or deleted). */
	void forget(TenantId tenant, UUID server) {
		sessions.asMap().keySet().removeIf(key -> key.tenant().equals(tenant) && key.server().equals(server));
	}

	@Override
	public void destroy() {
		sessions.invalidateAll();
		sessions.cleanUp();
	}

	/**
	 * Runs {@code work} on the cached session, opening one if needed. A failure drops the session; with
	 * {@code retryOnNewSession} a failure on a reused session (the server may have restarted and forgotten it) is tried
	 * once more on a new one.
	 */
	private <T> T withSession(TenantId tenant, McpServer server, boolean retryOnNewSession, Function<McpSyncClient, T> work) {
		Key key = new Key(tenant, server.id(), server.version());
		McpSyncClient cached = sessions.getIfPresent(key);
		McpSyncClient client = cached != null ? cached : open(key, server);
		try {
			return work.apply(client);
		}
		catch (RuntimeException ex) {
			sessions.asMap().remove(key, client);
			close(client);
			if (cached != null && retryOnNewSession) {
				log.debug("MCP server {} of tenant {}: reused session failed, opening a new one", server.name(), tenant, ex);
				return withSession(tenant, server, false, work);
			}
			throw ex;
		}
	}

	private McpSyncClient open(Key key, McpServer server) {
		McpServer.Settings settings = server.settings();
		// the tenant's effective allowlist (node entries and its own), as for every tool; fixed for the session
		EgressPolicy egress = allowlists.policyFor(key.tenant());
		targets.check(settings.url(), egress);
		Duration timeout = settings.timeout();
		McpServer.Auth auth = settings.auth();
		String[] header = auth == null ? null : header(key.tenant(), server.name(), auth);
		URI url = settings.url();
		String endpoint = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
				+ (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
		HttpClient.Builder http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(min(timeout, EgressPolicy.DEFAULT_CONNECT_TIMEOUT));
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
			.builder(url.getScheme() + "://" + url.getRawAuthority())
			.endpoint(endpoint)
			.clientBuilder(http)
			.connectTimeout(min(timeout, EgressPolicy.DEFAULT_CONNECT_TIMEOUT))
			.maxResponseSize(properties.maxResponseBytes())
			.openConnectionOnStartup(false)
			.httpRequestCustomizer((request, method, uri, body, context) -> {
				targets.check(uri, egress);
				request.timeout(timeout);
				if (header != null) {
					request.header(header[0], header[1]);
				}
				for (String name : TRACE_HEADERS) {
					if (context != null && context.get(name) instanceof String value) {
						request.setHeader(name, value);
					}
				}
			})
			.build();
		McpSyncClient client = McpClient.sync(transport)
			.clientInfo(CLIENT)
			.requestTimeout(timeout)
			.initializationTimeout(timeout)
			.transportContextProvider(this::traceContext)
			.build();
		try {
			client.initialize();
		}
		catch (RuntimeException ex) {
			close(client);
			throw ex;
		}
		McpSyncClient raced = sessions.asMap().putIfAbsent(key, client);
		if (raced != null) {
			close(client);
			return raced;
		}
		return client;
	}

	/** The W3C trace headers of the current span, for the transport; empty outside a trace. No baggage is sent. */
	private McpTransportContext traceContext() {
		Tracer current = tracer.getIfAvailable();
		Propagator w3c = propagator.getIfAvailable();
		Span span = current == null ? null : current.currentSpan();
		if (span == null || w3c == null) {
			return McpTransportContext.EMPTY;
		}
		Map<String, Object> headers = new HashMap<>();
		w3c.inject(span.context(), headers, (carrier, name, value) -> {
			if (carrier != null && TRACE_HEADERS.contains(name)) {
				carrier.put(name, value);
			}
		});
		return McpTransportContext.create(headers);
	}

	/** The auth header's name and value; the secret is read in the tenant's transaction and kept for the session. */
	private String[] header(TenantId tenant, String server, McpServer.Auth auth) {
		try (SecretValue secret = transactions.inTenant(tenant, () -> credentials.use(tenant, auth.credentialId()))
			.orElseThrow(() -> new McpFailure("the credential of MCP server '" + server + "' no longer exists"))) {
			return switch (auth.type()) {
				case BEARER -> new String[] { "Authorization", "Bearer " + secret.reveal() };
				case HEADER -> new String[] { String.valueOf(auth.header()), secret.reveal() };
			};
		}
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

	private static void close(@Nullable McpSyncClient client) {
		if (client == null) {
			return;
		}
		try {
			client.close();
		}
		catch (RuntimeException ex) {
			log.debug("Closing an MCP client session failed", ex);
		}
	}

	/**
	 * What went wrong, in words fit for the tenant (discovery status) and the model (a failed tool result): never a
	 * resolved address, a secret or a stack trace; the server's own error messages are cut to 300 characters.
	 */
	static String reason(String server, Duration timeout, Throwable failure) {
		String prefix = "MCP server '" + server + "' ";
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RampartException refused) {
				return prefix + "was not called: " + refused.technicalDetails();
			}
			if (cause instanceof McpFailure known) {
				return known.getMessage();
			}
			if (cause instanceof McpError error && error.getJsonRpcError() != null) {
				return prefix + "answered an error: " + cut(error.getJsonRpcError().message());
			}
			if (cause instanceof McpHttpClientTransportAuthorizationException) {
				return prefix + "refused Rampart's credentials; check the credential its auth names";
			}
			if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException
					|| String.valueOf(cause.getMessage()).startsWith("Timeout on blocking read")) {
				return prefix + "did not answer within " + timeout.toSeconds() + " s";
			}
			if (cause instanceof ConnectException) {
				return prefix + "could not be reached: the connection was refused or timed out";
			}
			if (cause instanceof UnknownHostException) {
				return prefix + "could not be reached: its host name does not resolve";
			}
			if (cause instanceof McpTransportException transport && cause.getCause() == null) {
				return prefix + "failed: " + cut(String.valueOf(transport.getMessage()));
			}
		}
		return prefix + "failed (" + failure.getClass().getSimpleName() + ")";
	}

	private static String cut(String text) {
		String line = text.replaceAll("\\s+", " ").strip();
		return line.length() > 300 ? line.substring(0, 300) + "…" : line;
	}

	/** A failure before anything was sent, with a reason fit for the tenant and the model. */
	static final class McpFailure extends RuntimeException {

		McpFailure(String reason) {
			super(reason);
		}
	}
}
