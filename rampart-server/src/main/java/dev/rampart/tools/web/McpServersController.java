package dev.rampart.tools.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.ETags;
import dev.rampart.shared.IfMatch;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import dev.rampart.shared.ResourceIds;
import dev.rampart.tools.McpServer;
import dev.rampart.tools.McpServers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/mcp-servers}: the tenant's MCP servers, whose tools agents can be given (docs/mcp.md). A server's
 * {@code ETag} is its settings version; {@code PUT} honours {@code If-Match}. The credential an {@code auth} names is
 * shown by id only.
 */
@RestController
@RequestMapping("/api/v1/mcp-servers")
class McpServersController {

	static final int DEFAULT_TIMEOUT_SECONDS = 30;

	private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	/** Headers the HTTP client sets itself or refuses to let a caller set. */
	private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
			"connection", "upgrade", "te", "expect", "keep-alive", "proxy-connection", "trailer", "content-type", "accept",
			"mcp-session-id", "mcp-protocol-version", "last-event-id");

	private final McpServers servers;
	private final CurrentTenant tenant;

	McpServersController(McpServers servers, CurrentTenant tenant) {
		this.servers = servers;
		this.tenant = tenant;
	}

	/**
	 * A server as a tenant sets it.
	 *
	 * @param name prefixes its tools' names
	 * @param url its streamable-HTTP endpoint
	 * @param auth a credential sent as a header, or none
	 * @param enabled true unless given
	 * @param timeoutSeconds the time limit of one request to it, {@value #DEFAULT_TIMEOUT_SECONDS} unless given
	 */
	record McpServerRequest(
			@NotBlank @Pattern(regexp = "^[a-z][a-z0-9_]{0,30}$", message = "must be 1 to 31 lower case letters, digits or _, starting with a letter") String name,
			@NotBlank @Size(max = 2000) String url, @Valid @Nullable AuthRequest auth, @Nullable Boolean enabled,
			@Min(1) @Max(300) @Nullable Integer timeoutSeconds) {
	}

	/**
	 * @param type {@code bearer} or {@code header}
	 * @param name the header's name, for {@code header} only
	 * @param credentialId a credential of the tenant
	 */
	record AuthRequest(@NotBlank @Pattern(regexp = "^(bearer|header)$", message = "must be bearer or header") String type,
			@Size(max = 100) @Nullable String name, @NotNull UUID credentialId) {
	}

	record McpServerView(UUID id, String name, String url, @Nullable AuthView auth, boolean enabled, long timeoutSeconds,
			List<ToolView> tools, DiscoveryView discovery, long version, Instant createdAt, Instant updatedAt) {

		static McpServerView of(McpServer server) {
			McpServer.Settings settings = server.settings();
			McpServer.Auth auth = settings.auth();
			return new McpServerView(server.id(), settings.name(), settings.url().toString(),
					auth == null ? null : new AuthView(auth.type().name().toLowerCase(Locale.ROOT), auth.header(), auth.credentialId()),
					settings.enabled(), settings.timeout().toSeconds(),
					server.tools().stream().map(tool -> new ToolView(tool.name(), tool.remoteName(), tool.description(),
							tool.inputSchema())).toList(),
					new DiscoveryView(server.discovery().status(), server.discovery().checkedAt(),
							server.discovery().succeededAt(), server.discovery().error()),
					server.version(), server.createdAt(), server.updatedAt());
		}
	}

	record AuthView(String type, @Nullable String name, UUID credentialId) {
	}

	/** A discovered tool: {@code name} is what agents bind, {@code remoteName} the server's own name. */
	record ToolView(String name, String remoteName, String description, JsonNode inputSchema) {
	}

	record DiscoveryView(String status, @Nullable Instant checkedAt, @Nullable Instant succeededAt, @Nullable String error) {
	}

	@GetMapping
	@Requires("tool:read")
	List<McpServerView> list() {
		return servers.list(tenant.get()).stream().map(McpServerView::of).toList();
	}

	@GetMapping("/{id}")
	@Requires("tool:read")
	ResponseEntity<McpServerView> get(@PathVariable String id) {
		return withEtag(ResponseEntity.ok(), servers.find(tenant.get(), parse(id)).orElseThrow(() -> notFound(id)));
	}

	/** Saves the server and discovers its tools (the answer's {@code discovery} says how that went). */
	@PostMapping
	@Requires("tool:write")
	ResponseEntity<McpServerView> create(@Valid @RequestBody McpServerRequest request) {
		McpServer created = servers.create(tenant.get(), settings(request));
		return withEtag(ResponseEntity.created(URI.create("/api/v1/mcp-servers/" + created.id())), created);
	}

	@PutMapping("/{id}")
	@Requires("tool:write")
	ResponseEntity<McpServerView> replace(@PathVariable String id, @Valid @RequestBody McpServerRequest request,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
			@RequestHeader(name = "Prefer", required = false) @Nullable String prefer) {
		UUID parsed = parse(id);
		IfMatch version = ETags.ifMatch(ifMatch, prefer, "GET /api/v1/mcp-servers/{id}");
		return withEtag(ResponseEntity.ok(), servers.replace(tenant.get(), parsed, settings(request), version));
	}

	@DeleteMapping("/{id}")
	@Requires("tool:write")
	ResponseEntity<Void> delete(@PathVariable String id) {
		servers.delete(tenant.get(), parse(id));
		return ResponseEntity.noContent().build();
	}

	/** Asks the server for its tools now. */
	@PostMapping("/{id}/refresh")
	@Requires("tool:write")
	ResponseEntity<McpServerView> refresh(@PathVariable String id) {
		return withEtag(ResponseEntity.ok(), servers.refresh(tenant.get(), parse(id)));
	}

	private static ResponseEntity<McpServerView> withEtag(ResponseEntity.BodyBuilder response, McpServer server) {
		return response.eTag("\"" + server.version() + "\"").body(McpServerView.of(server));
	}

	/** The checks Bean Validation cannot state: a URL Rampart can call and a header it can send. */
	private static McpServer.Settings settings(McpServerRequest request) {
		URI url;
		try {
			url = new URI(request.url().strip());
		}
		catch (java.net.URISyntaxException ex) {
			throw new InvalidFieldsException("url", "is not a valid URL");
		}
		String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https") || url.isOpaque() || url.getRawAuthority() == null) {
			throw new InvalidFieldsException("url", "must be an absolute http or https URL (the server's streamable-HTTP endpoint)");
		}
		if (url.getRawFragment() != null) {
			throw new InvalidFieldsException("url", "must not have a fragment (#...)");
		}
		McpServer.Auth auth = null;
		AuthRequest given = request.auth();
		if (given != null) {
			McpServer.AuthType type = McpServer.AuthType.valueOf(given.type().toUpperCase(Locale.ROOT));
			String header = given.name() == null ? null : given.name().strip();
			if (type == McpServer.AuthType.HEADER) {
				if (header == null || !TOKEN.matcher(header).matches()) {
					throw new InvalidFieldsException("auth.name", "must be an HTTP header name such as X-Api-Key");
				}
				if (RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
					throw new InvalidFieldsException("auth.name", "'" + header + "' is set by Rampart itself");
				}
			}
			else if (header != null) {
				throw new InvalidFieldsException("auth.name", "is for type header only (bearer uses Authorization)");
			}
			auth = new McpServer.Auth(type, type == McpServer.AuthType.HEADER ? header : null, given.credentialId());
		}
		int timeout = request.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : request.timeoutSeconds();
		return new McpServer.Settings(request.name(), url, auth, request.enabled() == null || request.enabled(),
				Duration.ofSeconds(timeout));
	}


	private static UUID parse(String id) {
		return ResourceIds.uuid(id, "MCP server");
	}

	private static RampartException notFound(String id) {
		return ResourceIds.notFound(id, "MCP server");
	}
}
