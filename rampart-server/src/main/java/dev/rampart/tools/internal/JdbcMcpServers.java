package dev.rampart.tools.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.secrets.Credentials;
import dev.rampart.shared.ClockTicker;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.IfMatch;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import dev.rampart.shared.VersionConflicts;
import dev.rampart.tools.McpServer;
import dev.rampart.tools.McpServers;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@link McpServers} in {@code mcp_servers}. Writes are audited in their transaction; discovery runs after the write
 * commits (it talks to the server, which may take up to its timeout) and stores its outcome only if the settings are
 * still the ones it used. The enabled servers of a tenant are cached for {@link #TTL} for {@link McpToolSource}
 * (every agent step lists tools); a change on this node evicts the tenant at once.
 */
@Component
class JdbcMcpServers implements McpServers {

	static final Duration TTL = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(JdbcMcpServers.class);

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final AuditLog audit;
	private final Credentials credentials;
	private final ToolsInUse inUse;
	private final McpConnections connections;
	private final McpRows rows;
	private final Cache<TenantId, List<McpServer>> enabled;
	private final VersionConflicts conflicts;

	JdbcMcpServers(JdbcClient jdbc, TenantTransactions transactions, Clock clock, AuditLog audit, Credentials credentials,
			ToolsInUse inUse, McpConnections connections, McpRows rows, VersionConflicts conflicts) {
		this.conflicts = conflicts;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.audit = audit;
		this.credentials = credentials;
		this.inUse = inUse;
		this.connections = connections;
		this.rows = rows;
		this.enabled = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL).ticker(new ClockTicker(clock)).build();
	}

	@Override
	public List<McpServer> list(TenantId tenant) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select " + McpRows.COLUMNS
				+ " from mcp_servers where tenant_id = :tenant order by name")
			.param("tenant", tenant.value())
			.query((rs, n) -> rows.read(rs))
			.list());
	}

	/** The tenant's enabled servers, cached (see the class comment). */
	List<McpServer> enabled(TenantId tenant) {
		return enabled.get(tenant, t -> list(t).stream().filter(server -> server.settings().enabled()).toList());
	}

	@Override
	public Optional<McpServer> find(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> stored(tenant, id, false));
	}

	@Override
	public McpServer create(TenantId tenant, McpServer.Settings settings) {
		check(tenant, settings);
		String actor = AuditActor.current().id();
		UUID id = UuidV7.next(clock);
		McpServer created = transactions.inTenant(tenant, () -> {
			Timestamp now = Timestamp.from(clock.instant());
			int inserted = jdbc.sql("""
					insert into mcp_servers (id, tenant_id, name, url, auth, enabled, timeout_seconds, version, created_at,
						created_by, updated_at, updated_by)
					values (:id, :tenant, :name, :url, :auth::jsonb, :enabled, :timeout, 1, :now, :actor, :now, :actor)
					on conflict (tenant_id, name) do nothing""")
				.param("id", id)
				.param("tenant", tenant.value())
				.params(rows.columns(settings))
				.param("now", now)
				.param("actor", actor)
				.update();
			if (inserted == 0) {
				throw new RampartException(ErrorCode.MCP_SERVER_NAME_TAKEN,
						"The tenant already has an MCP server '" + settings.name() + "'.");
			}
			McpServer after = stored(tenant, id, false).orElseThrow();
			audit.record(entry(tenant, actor, "mcp_server.created", after, Map.of("after", McpRows.view(after))));
			return after;
		});
		enabled.invalidate(tenant);
		return settings.enabled() ? discover(tenant, created) : created;
	}

	@Override
	public McpServer replace(TenantId tenant, UUID id, McpServer.Settings settings, IfMatch ifMatch) {
		check(tenant, settings);
		String actor = AuditActor.current().id();
		McpServer replaced = transactions.inTenant(tenant, () -> {
			McpServer before = stored(tenant, id, true).orElseThrow(() -> notFound(id));
			if (ifMatch.stale(before.version())) {
				String updatedBy = jdbc.sql("select updated_by from mcp_servers where tenant_id = :tenant and id = :id")
					.param("tenant", tenant.value()).param("id", id).query(String.class).single();
				conflicts.check(tenant, ifMatch, new VersionConflicts.Stored("mcp-server", id.toString(), before.name(),
						before.version(), updatedBy, before.updatedAt()), actor);
			}
			if (!before.name().equals(settings.name()) && stored(tenant, settings.name()).isPresent()) {
				throw new RampartException(ErrorCode.MCP_SERVER_NAME_TAKEN,
						"The tenant already has an MCP server '" + settings.name() + "'.");
			}
			jdbc.sql("""
					update mcp_servers set name = :name, url = :url, auth = :auth::jsonb, enabled = :enabled,
						timeout_seconds = :timeout, version = version + 1, updated_at = :now, updated_by = :actor
					where tenant_id = :tenant and id = :id""")
				.params(rows.columns(settings))
				.param("now", Timestamp.from(clock.instant()))
				.param("actor", actor)
				.param("tenant", tenant.value())
				.param("id", id)
				.update();
			McpServer after = stored(tenant, id, false).orElseThrow();
			audit.record(entry(tenant, actor, "mcp_server.updated", after,
					Map.of("before", McpRows.view(before), "after", McpRows.view(after))));
			return after;
		});
		enabled.invalidate(tenant);
		connections.forget(tenant, id);
		return settings.enabled() ? discover(tenant, replaced) : replaced;
	}

	@Override
	public void delete(TenantId tenant, UUID id) {
		String actor = AuditActor.current().id();
		transactions.inTenant(tenant, () -> {
			McpServer before = stored(tenant, id, true).orElseThrow(() -> notFound(id));
			inUse.refuse(tenant, "MCP server '" + before.name() + "'",
					before.tools().stream().map(McpServer.DiscoveredTool::name).toList());
			jdbc.sql("delete from mcp_servers where tenant_id = :tenant and id = :id")
				.param("tenant", tenant.value())
				.param("id", id)
				.update();
			audit.record(entry(tenant, actor, "mcp_server.deleted", before, Map.of("before", McpRows.view(before))));
		});
		enabled.invalidate(tenant);
		connections.forget(tenant, id);
	}

	@Override
	public McpServer refresh(TenantId tenant, UUID id) {
		McpServer server = find(tenant, id).orElseThrow(() -> notFound(id));
		McpServer after = discover(tenant, server);
		String actor = AuditActor.current().id();
		transactions.inTenant(tenant, () -> audit.record(entry(tenant, actor, "mcp_server.refreshed", after,
				Map.of("discovery", after.discovery().status(), "tools", after.tools().size()))));
		return after;
	}

	/** Every enabled server of every tenant, one after another; a failure is recorded on the server, not raised. */
	@Scheduled(initialDelayString = "${rampart.tools.mcp.refresh-interval:10m}",
			fixedDelayString = "${rampart.tools.mcp.refresh-interval:10m}")
	void refreshAll() {
		List<Map.Entry<TenantId, McpServer>> all = transactions.asSystem("refresh the tools of every enabled MCP server",
				() -> jdbc.sql("select tenant_id, " + McpRows.COLUMNS + " from mcp_servers where enabled order by tenant_id, name")
					.query((rs, n) -> Map.entry(new TenantId(rs.getObject("tenant_id", UUID.class)), rows.read(rs)))
					.list());
		for (Map.Entry<TenantId, McpServer> server : all) {
			discover(server.getKey(), server.getValue());
		}
		log.debug("Refreshed {} MCP servers", all.size());
	}

	/**
	 * Asks the server for its tools and stores the outcome, unless the settings changed meanwhile (then the newer
	 * save's discovery wins). A failure keeps the tools found before and records why.
	 */
	McpServer discover(TenantId tenant, McpServer server) {
		Instant now = clock.instant();
		List<McpServer.DiscoveredTool> tools = null;
		String error = null;
		try {
			List<McpSchema.Tool> listed = connections.listTools(tenant, server);
			tools = McpToolNames.discovered(server.name(), listed, rows.json());
		}
		catch (RuntimeException ex) {
			error = McpConnections.reason(server.name(), server.settings().timeout(), ex);
			log.info("Discovery of MCP server '{}' (tenant {}) failed: {}", server.name(), tenant, error);
			log.debug("Discovery of MCP server '{}' (tenant {}) failed", server.name(), tenant, ex);
		}
		List<McpServer.DiscoveredTool> found = tools;
		String failure = error;
		Optional<McpServer> after;
		try {
			after = transactions.inTenant(tenant, () -> {
				jdbc.sql("""
						update mcp_servers set tools = coalesce(:tools::jsonb, tools), discovery_status = :status,
							discovery_checked_at = :now,
							discovery_succeeded_at = case when :tools::jsonb is null then discovery_succeeded_at else :now end,
							discovery_error = :error
						where tenant_id = :tenant and id = :id and version = :version""")
					.param("tools", found == null ? null : rows.tools(found))
					.param("status", found == null ? McpServer.Discovery.FAILED : McpServer.Discovery.OK)
					.param("now", Timestamp.from(now))
					.param("error", failure)
					.param("tenant", tenant.value())
					.param("id", server.id())
					.param("version", server.version())
					.update();
				return stored(tenant, server.id(), false);
			});
		}
		catch (RuntimeException ex) {
			log.warn("Could not store the discovery of MCP server '{}' (tenant {})", server.name(), tenant, ex);
			return server;
		}
		enabled.invalidate(tenant);
		return after.orElse(server);
	}

	/** The URL must be one tool egress may reach and the credential one of the tenant's. */
	private void check(TenantId tenant, McpServer.Settings settings) {
		try {
			connections.checkUrl(tenant, settings.url());
		}
		catch (RampartException ex) {
			throw new InvalidFieldsException("url", ex.technicalDetails());
		}
		McpServer.Auth auth = settings.auth();
		if (auth != null && transactions.inTenant(tenant, () -> credentials.find(tenant, auth.credentialId())).isEmpty()) {
			throw new InvalidFieldsException("auth.credentialId", "no credential with this id in the tenant");
		}
	}

	/** The row as stored now; {@code forUpdate} locks it until the transaction ends. */
	private Optional<McpServer> stored(TenantId tenant, UUID id, boolean forUpdate) {
		return jdbc.sql("select " + McpRows.COLUMNS + " from mcp_servers where tenant_id = :tenant and id = :id"
				+ (forUpdate ? " for update" : ""))
			.param("tenant", tenant.value())
			.param("id", id)
			.query((rs, n) -> rows.read(rs))
			.optional();
	}

	private Optional<McpServer> stored(TenantId tenant, String name) {
		return jdbc.sql("select " + McpRows.COLUMNS + " from mcp_servers where tenant_id = :tenant and name = :name")
			.param("tenant", tenant.value())
			.param("name", name)
			.query((rs, n) -> rows.read(rs))
			.optional();
	}

	private static RampartException notFound(UUID id) {
		return new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No MCP server " + id + " in this tenant.");
	}

	private static AuditEntry entry(TenantId tenant, String actor, String action, McpServer server, Map<String, ?> details) {
		Map<String, Object> all = new LinkedHashMap<>(details);
		all.put("name", server.name());
		return new AuditEntry(tenant, actor, AuditActor.current().ip(), action, "mcp_server", server.id().toString(),
				AuditEntry.SUCCEEDED, all);
	}
}
