package dev.rampart.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.jspecify.annotations.Nullable;

/**
 * A real MCP server for tests: the MCP SDK's own server side (streamable-HTTP servlet transport) in an embedded Tomcat
 * on 127.0.0.1 and a random port, so Rampart's client is tested against the protocol as the SDK speaks it, not a mock.
 * It offers {@code add(a, b)}, {@code echo(text)} and {@code fail()} (which answers {@code isError}); tests may add and
 * remove tools, and read the {@code Authorization} header of the last request and the {@code traceparent} header of the
 * last call of {@code add}.
 */
final class McpTestServer implements AutoCloseable {

	private final Tomcat tomcat;
	private final McpSyncServer server;
	private final AtomicReference<@Nullable String> authorization;
	private final AtomicReference<@Nullable String> addTraceparent;
	private final AtomicBoolean stopped = new AtomicBoolean();

	private McpTestServer(Tomcat tomcat, McpSyncServer server, AtomicReference<@Nullable String> authorization,
			AtomicReference<@Nullable String> addTraceparent) {
		this.tomcat = tomcat;
		this.server = server;
		this.authorization = authorization;
		this.addTraceparent = addTraceparent;
	}

	static McpTestServer start() {
		AtomicReference<@Nullable String> seen = new AtomicReference<>();
		AtomicReference<@Nullable String> traced = new AtomicReference<>();
		HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
			.mcpEndpoint("/mcp")
			.contextExtractor(request -> {
				seen.set(request.getHeader("Authorization"));
				String traceparent = request.getHeader("traceparent");
				return traceparent == null ? McpTransportContext.EMPTY
						: McpTransportContext.create(Map.of("traceparent", traceparent));
			})
			.build();
		McpSyncServer server = McpServer.sync(transport)
			.serverInfo("rampart-test-mcp", "1")
			.capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
			.tools(add(traced), echo(), fail())
			.build();
		try {
			Tomcat tomcat = new Tomcat();
			tomcat.setBaseDir(Files.createTempDirectory("mcp-tomcat").toString());
			Connector connector = new Connector();
			connector.setPort(0);
			connector.setProperty("address", "127.0.0.1");
			tomcat.setConnector(connector);
			Context context = tomcat.addContext("", null);
			Wrapper wrapper = Tomcat.addServlet(context, "mcp", transport);
			wrapper.setAsyncSupported(true);
			context.addServletMappingDecoded("/mcp", "mcp");
			tomcat.start();
			return new McpTestServer(tomcat, server, seen, traced);
		}
		catch (IOException | LifecycleException ex) {
			throw new IllegalStateException("the test MCP server did not start", ex);
		}
	}

	int port() {
		return tomcat.getConnector().getLocalPort();
	}

	String url() {
		return "http://127.0.0.1:" + port() + "/mcp";
	}

	/** The {@code Authorization} header of the last request, or null. */
	@Nullable String lastAuthorization() {
		return authorization.get();
	}

	/** The {@code traceparent} header of the request that last called {@code add}, or null (none, or sent without). */
	@Nullable String lastAddTraceparent() {
		return addTraceparent.get();
	}

	void addTool(String name, String description, String answer) {
		server.addTool(SyncToolSpecification.builder()
			.tool(McpSchema.Tool.builder().name(name).description(description).inputSchema(Map.of("type", "object")).build())
			.callHandler((exchange, request) -> text(answer, false))
			.build());
	}

	void removeTool(String name) {
		server.removeTool(name);
	}

	/** Stops the server; a second call does nothing. */
	@Override
	public void close() {
		if (!stopped.compareAndSet(false, true)) {
			return;
		}
		try {
			server.close();
			tomcat.stop();
			tomcat.destroy();
		}
		catch (LifecycleException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static SyncToolSpecification add(AtomicReference<@Nullable String> traceparent) {
		return SyncToolSpecification.builder()
			.tool(McpSchema.Tool.builder()
				.name("add")
				.description("Adds two numbers.")
				.inputSchema(Map.of("type", "object", "properties",
						Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")), "required", List.of("a", "b")))
				.build())
			.callHandler((exchange, request) -> {
				traceparent.set((String) exchange.transportContext().get("traceparent"));
				double sum = ((Number) request.arguments().get("a")).doubleValue()
						+ ((Number) request.arguments().get("b")).doubleValue();
				return text(sum == Math.rint(sum) ? String.valueOf((long) sum) : String.valueOf(sum), false);
			})
			.build();
	}

	private static SyncToolSpecification echo() {
		return SyncToolSpecification.builder()
			.tool(McpSchema.Tool.builder()
				.name("echo")
				.description("Answers with the text it is given.")
				.inputSchema(Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string")), "required",
						List.of("text")))
				.build())
			.callHandler((exchange, request) -> text(String.valueOf(request.arguments().get("text")), false))
			.build();
	}

	private static SyncToolSpecification fail() {
		return SyncToolSpecification.builder()
			.tool(McpSchema.Tool.builder().name("fail").description("Always fails.").inputSchema(Map.of("type", "object")).build())
			.callHandler((exchange, request) -> text("the warehouse is closed", true))
			.build();
	}

	private static McpSchema.CallToolResult text(String text, boolean error) {
		return McpSchema.CallToolResult.builder().content(List.of(new McpSchema.TextContent(text))).isError(error).build();
	}
}
