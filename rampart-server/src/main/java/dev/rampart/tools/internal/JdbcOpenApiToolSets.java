package dev.rampart.tools.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.secrets.CredentialReferences;
import dev.rampart.secrets.Credentials;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import dev.rampart.shared.schema.JsonSchemas;
import dev.rampart.tools.BuiltInTools;
import dev.rampart.tools.EgressAllowlists;
import dev.rampart.tools.OpenApiToolSets;
import dev.rampart.tools.SafeHttp;
import dev.rampart.tools.Tool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link OpenApiToolSets} in {@code openapi_tool_sets}, and the tools they make, cached per tenant for {@link #TTL}
 * (every agent step looks its tools up). A change on this node evicts the tenant at once; other nodes see it within the
 * TTL. Also the {@link CredentialReferences} of tool sets: a credential a tool set sends cannot be deleted.
 */
@Component
class JdbcOpenApiToolSets implements OpenApiToolSets, CredentialReferences {

	static final Duration TTL = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(JdbcOpenApiToolSets.class);

	private static final String COLUMNS = """
			id, name, document::text as document, base_url, auth::text as auth, operations::text as operations,
			created_at, updated_at""";

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final AuditLog audit;
	private final Credentials credentials;
	private final ToolsInUse inUse;
	private final SafeHttp http;
	private final EgressAllowlists egress;
	private final JsonMapper json;
	private final OpenApiDocuments documents;
	private final ToolSetChecks checks;
	private final Cache<TenantId, List<Loaded>> cache = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(10_000).build();
	/** Parsed tool sets by id and version (updated_at): reading a document is far dearer than reading its row. */
	private final Cache<String, Loaded> parsed = Caffeine.newBuilder().maximumSize(2_000).build();

	/** A stored tool set, its document read, and its tools. */
	private record Loaded(ToolSet toolSet, List<Tool> tools) {
	}

	JdbcOpenApiToolSets(JdbcClient jdbc, TenantTransactions transactions, Clock clock, AuditLog audit, Credentials credentials,
			ToolsInUse inUse, BuiltInTools builtIns, SafeHttp http, EgressAllowlists egress,
			JsonMapper json, JsonSchemas schemas) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.audit = audit;
		this.credentials = credentials;
		this.inUse = inUse;
		this.http = http;
		this.egress = egress;
		this.json = json;
		this.documents = new OpenApiDocuments(json, schemas);
		this.checks = new ToolSetChecks(transactions, credentials, builtIns, documents);
	}

	/** The tenant's OpenAPI tools, every set's in name order. */
	List<Tool> tools(TenantId tenant) {
		return loaded(tenant).stream().flatMap(each -> each.tools().stream()).toList();
	}

	@Override
	public ToolSet create(TenantId tenant, NewToolSet given) {
		String actor = AuditActor.current().id();
		ToolSetChecks.Checked checked = checks.check(tenant, given);
		UUID id = UuidV7.next(clock);
		Instant now = clock.instant();
		try {
			transactions.inTenant(tenant, () -> {
				jdbc.sql("""
						insert into openapi_tool_sets (tenant_id, id, name, document, base_url, auth, credential_id, operations,
							created_at, created_by, updated_at, updated_by)
						values (:tenant, :id, :name, cast(:document as jsonb), :baseUrl, cast(:auth as jsonb), :credential,
							cast(:operations as jsonb), :now, :actor, :now, :actor)""")
					.param("tenant", tenant.value())
					.param("id", id)
					.params(columns(given, checked))
					.param("now", Timestamp.from(now))
					.param("actor", actor)
					.update();
				audit.record(entry(tenant, actor, "tool_set.created", id, Map.of("after", view(given, checked))));
			});
		}
		catch (DuplicateKeyException ex) {
			throw new RampartException(ErrorCode.TOOL_SET_NAME_TAKEN, "A tool set named '" + given.name() + "' exists.");
		}
		cache.invalidate(tenant);
		return toolSet(id, given, checked, now, now);
	}

	@Override
	public List<ToolSet> list(TenantId tenant) {
		return loaded(tenant).stream().map(Loaded::toolSet).toList();
	}

	@Override
	public Optional<ToolSet> find(TenantId tenant, UUID id) {
		return stored(tenant, id).map(Loaded::toolSet);
	}

	@Override
	public Optional<ToolSet> replace(TenantId tenant, UUID id, NewToolSet given) {
		String actor = AuditActor.current().id();
		ToolSetChecks.Checked checked = checks.check(tenant, given);
		Instant now = clock.instant();
		Optional<ToolSet> replaced;
		try {
			replaced = transactions.inTenant(tenant, () -> {
				Optional<Loaded> before = stored(tenant, id);
				if (before.isEmpty()) {
					return Optional.<ToolSet>empty();
				}
				Set<String> dropped = new HashSet<>(names(before.get().tools()));
				checked.parsed().operations().forEach(operation -> dropped.remove(operation.toolName()));
				inUse.refuse(tenant, "tool set '" + before.get().toolSet().name() + "'", dropped);
				jdbc.sql("""
						update openapi_tool_sets set name = :name, document = cast(:document as jsonb), base_url = :baseUrl,
							auth = cast(:auth as jsonb), credential_id = :credential, operations = cast(:operations as jsonb),
							updated_at = :now, updated_by = :actor
						where tenant_id = :tenant and id = :id""")
					.param("tenant", tenant.value())
					.param("id", id)
					.params(columns(given, checked))
					.param("now", Timestamp.from(now))
					.param("actor", actor)
					.update();
				audit.record(entry(tenant, actor, "tool_set.updated", id, Map.of("before", summary(before.get().toolSet()),
						"after", view(given, checked))));
				return Optional.of(toolSet(id, given, checked, before.get().toolSet().createdAt(), now));
			});
		}
		catch (DuplicateKeyException ex) {
			throw new RampartException(ErrorCode.TOOL_SET_NAME_TAKEN, "A tool set named '" + given.name() + "' exists.");
		}
		cache.invalidate(tenant);
		return replaced;
	}

	@Override
	public boolean delete(TenantId tenant, UUID id) {
		String actor = AuditActor.current().id();
		boolean deleted = transactions.inTenant(tenant, () -> {
			Optional<Loaded> before = stored(tenant, id);
			if (before.isEmpty()) {
				return false;
			}
			inUse.refuse(tenant, "tool set '" + before.get().toolSet().name() + "'", names(before.get().tools()));
			jdbc.sql("delete from openapi_tool_sets where tenant_id = :tenant and id = :id")
				.param("tenant", tenant.value())
				.param("id", id)
				.update();
			audit.record(entry(tenant, actor, "tool_set.deleted", id, Map.of("before", summary(before.get().toolSet()))));
			return true;
		});
		cache.invalidate(tenant);
		return deleted;
	}

	@Override
	public List<String> referencesTo(TenantId tenant, UUID credentialId) {
		return jdbc.sql("select name from openapi_tool_sets where tenant_id = :tenant and credential_id = :credential order by name")
			.param("tenant", tenant.value())
			.param("credential", credentialId)
			.query(String.class)
			.list()
			.stream()
			.map(name -> "tool set " + name)
			.toList();
	}

	private Map<String, ?> columns(NewToolSet given, ToolSetChecks.Checked checked) {
		Map<String, Object> columns = new LinkedHashMap<>();
		columns.put("name", given.name());
		columns.put("document", json.writeValueAsString(checked.document()));
		columns.put("baseUrl", given.baseUrl());
		columns.put("auth", given.auth() == null ? null : json.writeValueAsString(given.auth()));
		columns.put("credential", given.auth() == null ? null : given.auth().credentialId());
		columns.put("operations", given.operations() == null ? null : json.writeValueAsString(given.operations()));
		return columns;
	}

	private List<Loaded> loaded(TenantId tenant) {
		return cache.get(tenant, key -> transactions.inTenant(tenant, () -> jdbc
			.sql("select " + COLUMNS + " from openapi_tool_sets where tenant_id = :tenant order by name")
			.param("tenant", tenant.value())
			.query((rs, row) -> load(rs))
			.list()
			.stream()
			.flatMap(Optional::stream)
			.toList()));
	}

	private Optional<Loaded> stored(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> jdbc
			.sql("select " + COLUMNS + " from openapi_tool_sets where tenant_id = :tenant and id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query((rs, row) -> load(rs))
			.optional()
			.flatMap(each -> each));
	}

	/** A stored row as a tool set; one that no longer parses (a stricter node) is logged and left out. */
	private Optional<Loaded> load(ResultSet rs) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		String name = rs.getString("name");
		String authText = rs.getString("auth");
		String operationsText = rs.getString("operations");
		NewToolSet given = new NewToolSet(name, json.readTree(rs.getString("document")), rs.getString("base_url"),
				authText == null ? null : json.readValue(authText, Auth.class),
				operationsText == null ? null : List.of(json.readValue(operationsText, String[].class)));
		Instant created = rs.getTimestamp("created_at").toInstant();
		Instant updated = rs.getTimestamp("updated_at").toInstant();
		try {
			return Optional.of(parsed.get(id + "@" + updated, key -> {
				OpenApiDocuments.Parsed read = documents.parse(name, given.document(), given.baseUrl(), given.operations());
				ToolSet toolSet = toolSet(id, given, new ToolSetChecks.Checked(given.document(), read), created, updated);
				return new Loaded(toolSet, tools(name, read, given.auth()));
			}));
		}
		catch (InvalidFieldsException ex) {
			log.warn("tool set {} ({}) no longer parses and offers no tools: {}", name, id, ex.getMessage());
			return Optional.empty();
		}
	}

	private List<Tool> tools(String set, OpenApiDocuments.Parsed parsed, @Nullable Auth auth) {
		return parsed.operations().stream()
			.<Tool>map(operation -> new OpenApiTool(set, operation, parsed.baseUrl(), auth, http, egress,
					(tenant, credential) -> transactions.inTenant(tenant, () -> credentials.use(tenant, credential)), json))
			.toList();
	}

	private static ToolSet toolSet(UUID id, NewToolSet given, ToolSetChecks.Checked checked, Instant created, Instant updated) {
		List<ToolSummary> tools = checked.parsed().operations().stream()
			.map(op -> new ToolSummary(op.toolName(), op.operationId(), op.method(), op.path(), op.description()))
			.toList();
		return new ToolSet(id, given.name(), checked.document(), checked.parsed().baseUrl().toString(), given.auth(),
				given.operations(), tools, created, updated);
	}

	private static List<String> names(List<Tool> tools) {
		return tools.stream().map(Tool::name).toList();
	}

	private static Map<String, Object> view(NewToolSet given, ToolSetChecks.Checked checked) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("name", given.name());
		view.put("baseUrl", checked.parsed().baseUrl().toString());
		view.put("auth", given.auth() == null ? null : Map.of("type", given.auth().type(), "credentialId",
				given.auth().credentialId().toString()));
		view.put("tools", checked.parsed().operations().stream().map(OpenApiDocuments.Operation::toolName).toList());
		return view;
	}

	private static Map<String, Object> summary(ToolSet toolSet) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("name", toolSet.name());
		view.put("baseUrl", toolSet.baseUrl());
		view.put("tools", toolSet.tools().stream().map(ToolSummary::name).toList());
		return view;
	}

	private static AuditEntry entry(TenantId tenant, String actor, String action, UUID id, Map<String, ?> details) {
		return new AuditEntry(tenant, actor, AuditActor.current().ip(), action, "tool_set", id.toString(),
				AuditEntry.SUCCEEDED, details);
	}
}
