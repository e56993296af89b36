package dev.rampart.tools;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's MCP server (docs/mcp.md): where it is, how Rampart authenticates to it, and the tools it offered at the
 * last discovery. Kept with the tools it last offered so a server that cannot be reached still shows, and still
 * offers, what it had; {@code discovery} says whether that list is current.
 *
 * @param id the server's id in the API
 * @param settings what the tenant set
 * @param tools the tools found at the last successful discovery, in the server's order
 * @param discovery how the last discovery went
 * @param version raised by every change of {@code settings} (the {@code ETag}); discovery does not raise it
 */
public record McpServer(UUID id, Settings settings, List<DiscoveredTool> tools, Discovery discovery, long version,
		Instant createdAt, Instant updatedAt) {

	public McpServer {
		tools = List.copyOf(tools);
	}

	public String name() {
		return settings.name();
	}

	/**
	 * What a tenant sets.
	 *
	 * @param name prefixes the names of its tools ({@code <name>_<tool>}); {@code ^[a-z][a-z0-9_]{0,30}$}
	 * @param url the streamable-HTTP endpoint (http or https)
	 * @param auth how Rampart authenticates, or null for no authentication
	 * @param enabled whether agents are offered its tools and the periodic refresh asks it
	 * @param timeout the time limit of one request to it (discovery, a tool call)
	 */
	public record Settings(String name, URI url, @Nullable Auth auth, boolean enabled, Duration timeout) {
	}

	/**
	 * A secret from the tenant's credentials sent as a header on every request; the model never sees it.
	 *
	 * @param type {@code bearer} ({@code Authorization: Bearer <secret>}) or {@code header} ({@code <header>: <secret>})
	 * @param header the header's name for {@code header}; null for {@code bearer}
	 * @param credentialId a credential of the same tenant
	 */
	public record Auth(AuthType type, @Nullable String header, UUID credentialId) {
	}

	public enum AuthType {
		BEARER, HEADER
	}

	/**
	 * One tool as the server described it.
	 *
	 * @param name the name Rampart offers it under: {@code <server>_<tool>}, normalised to {@code [a-z0-9_]}, at most
	 *     64 characters
	 * @param remoteName the tool's name on the server, used to call it
	 * @param description the server's description
	 * @param inputSchema the JSON Schema of its arguments
	 */
	public record DiscoveredTool(String name, String remoteName, String description, JsonNode inputSchema) {
	}

	/**
	 * The outcome of the last discovery.
	 *
	 * @param status {@code pending} (never run), {@code ok} or {@code failed}
	 * @param checkedAt when it last ran, or null
	 * @param succeededAt when {@code tools} was last read from the server, or null
	 * @param error why the last run failed, or null when it succeeded
	 */
	public record Discovery(String status, @Nullable Instant checkedAt, @Nullable Instant succeededAt,
			@Nullable String error) {

		public static final String PENDING = "pending";

		public static final String OK = "ok";

		public static final String FAILED = "failed";
	}
}
