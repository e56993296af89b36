package dev.rampart.agents.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.agents.AgentActivity;
import dev.rampart.agents.AgentReferences;
import dev.rampart.agents.AgentVersion;
import dev.rampart.agents.Agents;
import dev.rampart.agents.AgentsProperties;
import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.ResourceAccess;
import dev.rampart.shared.ClockTicker;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.IfMatch;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import dev.rampart.shared.VersionConflicts;
import dev.rampart.shared.schema.DefinitionInvalidException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Agents, their versions and aliases in PostgreSQL (docs/agents.md). Every change locks the agent's row, asks
 * {@link ResourceAccess} for the loaded agent, writes, audits in the same transaction and evicts the agent from the
 * resolve cache. Another tenant's agent is "not found", never "forbidden".
 */
@Component
public class JdbcAgents implements Agents {

	/** Alias names: {@code prod}, {@code staging}, {@code canary-2}. {@code latest} is reserved for the latest version. */
	public static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9-]{0,39}");
	public static final String LATEST = "latest";
	public static final int MAX_PAGE = 200;

	private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}");

	private final AgentRows rows;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final AuditLog audit;
	private final ResourceAccess access;
	private final AgentChecks checks;
	private final TemplateCatalog templates;
	private final TemplateRendering rendering;
	private final ObjectProvider<AgentActivity> activity;
	private final ObjectProvider<AgentReferences> references;
	private final AgentsProperties properties;
	private final Cache<Selector, Optional<AgentVersion>> cache;
	private final VersionConflicts conflicts;

	private record Selector(TenantId tenant, UUID agent, String selector) {
	}

	JdbcAgents(JdbcClient jdbc, JsonMapper json, TenantTransactions transactions, Clock clock, AuditLog audit,
			ResourceAccess access, AgentChecks checks, TemplateCatalog templates, TemplateRendering rendering,
			ObjectProvider<AgentActivity> activity, ObjectProvider<AgentReferences> references, AgentsProperties properties,
			VersionConflicts conflicts) {
		this.conflicts = conflicts;
		this.rows = new AgentRows(jdbc, json);
		this.transactions = transactions;
		this.clock = clock;
		this.audit = audit;
		this.access = access;
		this.checks = checks;
		this.templates = templates;
		this.rendering = rendering;
		this.activity = activity;
		this.references = references;
		this.properties = properties;
		this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.cacheTtl())
			.ticker(new ClockTicker(clock)).build();
	}

	@Override
	public Optional<AgentVersion> resolve(TenantId tenant, UUID agentId, @Nullable String selector) {
		String key = selector == null || selector.equals(LATEST) ? "" : selector;
		return cache.get(new Selector(tenant, agentId, key), k -> load(tenant, agentId, key));
	}

	private Optional<AgentVersion> load(TenantId tenant, UUID agentId, String selector) {
		if (selector.isEmpty()) {
			return transactions.inTenant(tenant, () -> rows.resolve(tenant, agentId, null, null));
		}
		if (NUMBER.matcher(selector).matches()) {
			return transactions.inTenant(tenant, () -> rows.resolve(tenant, agentId, Integer.parseInt(selector), null));
		}
		if (ALIAS.matcher(selector).matches()) {
			return transactions.inTenant(tenant, () -> rows.resolve(tenant, agentId, null, selector));
		}
		return Optional.empty();
	}

	/**
	 * A new agent from a whole definition, owned by the caller; problems answer {@code DEFINITION_INVALID}, by path. The
	 * caller needs {@code agent:write} on an agent it owns with the new agent's tags.
	 */
	public StoredAgent create(TenantId tenant, JsonNode definition) {
		List<FieldProblem> problems = checks.problems(tenant, definition, "");
		if (!problems.isEmpty()) {
			throw new DefinitionInvalidException("agent-definition", problems);
		}
		return insert(tenant, definition, null);
	}

	/** A new agent from a template; problems answer {@code TEMPLATE_VALIDATION_FAILED}, by request path. */
	public StoredAgent createFromTemplate(TenantId tenant, String templateId, @Nullable JsonNode values,
			@Nullable String name, @Nullable JsonNode overrides) {
		Template template = templates.find(tenant, templateId).orElseThrow(() -> new TemplateValidationException(templateId,
				List.of(new FieldProblem("templateId", "no template with this id in this tenant (see GET /api/v1/templates)"))));
		return insert(tenant, rendering.render(tenant, template, values, name, overrides), template.id());
	}

	private StoredAgent insert(TenantId tenant, JsonNode definition, @Nullable String templateId) {
		AuditActor actor = AuditActor.current();
		access.require("agent:write", actor.id(), tags(definition));
		UUID id = UuidV7.next(clock);
		return transactions.inTenant(tenant, () -> {
			try {
				rows.insert(tenant, id, definition, tags(definition), actor.id(), clock.instant(), actor.id());
			}
			catch (DuplicateKeyException taken) {
				throw nameTaken(definition);
			}
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("name", definition.path("name").asString());
			details.put("version", 1);
			if (templateId != null) {
				details.put("template", templateId);
			}
			audit.record(entry(tenant, actor, "agent.created", id, details));
			return rows.find(tenant, id).orElseThrow();
		});
	}

	/** The agent, live or deleted, after {@code agent:read} on it. */
	public StoredAgent get(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> {
			StoredAgent agent = rows.find(tenant, id).orElseThrow(JdbcAgents::notFound);
			access.require("agent:read", agent.owner(), agent.tags());
			return agent;
		});
	}

	/**
	 * @param tags {@code key → value} to match, or {@code key → null} for agents that have the key
	 * @param after the {@code next} cursor of the previous page
	 */
	public StoredAgent.Page page(TenantId tenant, boolean withDeleted, Map<String, @Nullable String> tags,
			@Nullable UUID after, int limit) {
		List<StoredAgent> items = transactions.inTenant(tenant, () -> rows.page(tenant, withDeleted, tags, after, limit + 1));
		if (items.size() > limit) {
			return new StoredAgent.Page(items.subList(0, limit), items.get(limit - 1).id());
		}
		return new StoredAgent.Page(items, null);
	}

	/**
	 * Makes {@code definition} the agent's next version.
	 *
	 * @param ifMatch the version the caller read ({@code If-Match}): a stale one is overwritten with a warning, or refused
	 *     when strict ({@link VersionConflicts})
	 */
	public StoredAgent replace(TenantId tenant, UUID id, JsonNode definition, IfMatch ifMatch) {
		AuditActor actor = AuditActor.current();
		StoredAgent replaced = transactions.inTenant(tenant, () -> {
			StoredAgent before = live(tenant, id, "agent:write");
			conflicts.check(tenant, ifMatch, new VersionConflicts.Stored("agent", id.toString(), before.name(),
					before.version(), before.updatedBy(), before.updatedAt()), actor.id());
			List<FieldProblem> problems = checks.problems(tenant, definition, "");
			if (!problems.isEmpty()) {
				throw new DefinitionInvalidException("agent-definition", problems);
			}
			int next = before.version() + 1;
			try {
				rows.update(tenant, id, next, definition, tags(definition), clock.instant(), actor.id());
			}
			catch (DuplicateKeyException taken) {
				throw nameTaken(definition);
			}
			audit.record(entry(tenant, actor, "agent.updated", id, Map.of("name", definition.path("name").asString(),
					"version", next, "previousVersion", before.version())));
			return rows.find(tenant, id).orElseThrow();
		});
		evict(id);
		return replaced;
	}

	/**
	 * Soft-deletes the agent after the deletion checks: not running ({@code AGENT_RUNNING}), not used by anything
	 * ({@code AGENT_IN_USE}). Restorable within {@code rampart.agents.restore-window}.
	 */
	public void delete(TenantId tenant, UUID id) {
		AuditActor actor = AuditActor.current();
		transactions.inTenant(tenant, () -> {
			StoredAgent agent = live(tenant, id, "agent:delete");
			if (activity.orderedStream().anyMatch(each -> each.running(tenant, id))) {
				throw new RampartException(ErrorCode.AGENT_RUNNING, "Agent '" + agent.name() + "' has a run executing now.");
			}
			List<String> users = references.orderedStream().flatMap(each -> each.referencesTo(tenant, id).stream()).toList();
			if (!users.isEmpty()) {
				throw new RampartException(ErrorCode.AGENT_IN_USE, "Agent '" + agent.name() + "' is used by " + users.size()
						+ (users.size() == 1 ? " resource: " : " resources: ") + String.join(", ", users) + ".");
			}
			Instant now = clock.instant();
			rows.markDeleted(tenant, id, now, actor.id());
			audit.record(entry(tenant, actor, "agent.deleted", id, Map.of("name", agent.name(), "version", agent.version(),
					"restorableUntil", now.plus(properties.restoreWindow()).toString())));
		});
		evict(id);
	}

	/** Brings a soft-deleted agent back within the restore window; a live agent is returned as it is. */
	public StoredAgent restore(TenantId tenant, UUID id) {
		AuditActor actor = AuditActor.current();
		StoredAgent restored = transactions.inTenant(tenant, () -> {
			StoredAgent agent = rows.lock(tenant, id).orElseThrow(JdbcAgents::notFound);
			access.require("agent:delete", agent.owner(), agent.tags());
			Instant deletedAt = agent.deletedAt();
			if (deletedAt == null) {
				return agent;
			}
			if (deletedAt.plus(properties.restoreWindow()).isBefore(clock.instant())) {
				throw new RampartException(ErrorCode.RESOURCE_NOT_FOUND,
						"The agent's restore window ended; it is purged soon and cannot be restored.");
			}
			try {
				rows.markDeleted(tenant, id, null, null);
			}
			catch (DuplicateKeyException taken) {
				throw new RampartException(ErrorCode.AGENT_NAME_TAKEN, "Another live agent is now named '" + agent.name()
						+ "'; rename it, then restore this one.");
			}
			audit.record(entry(tenant, actor, "agent.restored", id, Map.of("name", agent.name())));
			return rows.find(tenant, id).orElseThrow();
		});
		evict(id);
		return restored;
	}

	public List<StoredAgent.Version> versions(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> {
			readable(tenant, id);
			return rows.versions(tenant, id);
		});
	}

	public StoredAgent.Version version(TenantId tenant, UUID id, int version) {
		return transactions.inTenant(tenant, () -> {
			readable(tenant, id);
			return rows.version(tenant, id, version).orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND,
					"The agent has no version " + version + "."));
		});
	}

	public List<StoredAgent.Alias> aliases(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> {
			readable(tenant, id);
			return rows.aliases(tenant, id);
		});
	}

	/** Creates the alias or moves it to {@code version}: moving it back to an older version is a rollback. */
	public StoredAgent.Alias setAlias(TenantId tenant, UUID id, String name, int version) {
		AuditActor actor = AuditActor.current();
		StoredAgent.Alias alias = transactions.inTenant(tenant, () -> {
			StoredAgent agent = live(tenant, id, "agent:write");
			checkAliasName(name);
			if (version < 1 || version > agent.version()) {
				throw new InvalidFieldsException("version", "the agent has versions 1 to " + agent.version());
			}
			Optional<StoredAgent.Alias> before = rows.aliases(tenant, id).stream().filter(a -> a.name().equals(name)).findFirst();
			rows.setAlias(tenant, id, name, version, clock.instant(), actor.id());
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("alias", name);
			details.put("version", version);
			before.ifPresent(previous -> details.put("previousVersion", previous.version()));
			audit.record(entry(tenant, actor, "agent.alias_set", id, details));
			return rows.aliases(tenant, id).stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
		});
		evict(id);
		return alias;
	}

	public void deleteAlias(TenantId tenant, UUID id, String name) {
		AuditActor actor = AuditActor.current();
		transactions.inTenant(tenant, () -> {
			live(tenant, id, "agent:write");
			if (!ALIAS.matcher(name).matches() || !rows.deleteAlias(tenant, id, name)) {
				throw new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "The agent has no such alias.");
			}
			audit.record(entry(tenant, actor, "agent.alias_deleted", id, Map.of("alias", name)));
		});
		evict(id);
	}

	private static void checkAliasName(String name) {
		if (!ALIAS.matcher(name).matches()) {
			throw new InvalidFieldsException("name", "an alias name has 1 to 40 lower-case letters, digits and '-', "
					+ "starting with a letter");
		}
		if (name.equals(LATEST)) {
			throw new InvalidFieldsException("name", "'latest' always means the latest version and cannot be an alias");
		}
	}

	/** A live agent, locked, after {@code permission} on it. */
	private StoredAgent live(TenantId tenant, UUID id, String permission) {
		StoredAgent agent = rows.lock(tenant, id).orElseThrow(JdbcAgents::notFound);
		access.require(permission, agent.owner(), agent.tags());
		if (agent.deleted()) {
			throw new RampartException(ErrorCode.RESOURCE_NOT_FOUND,
					"The agent is deleted; restore it with POST /api/v1/agents/{id}/restore first.");
		}
		return agent;
	}

	private void readable(TenantId tenant, UUID id) {
		StoredAgent agent = rows.find(tenant, id).orElseThrow(JdbcAgents::notFound);
		access.require("agent:read", agent.owner(), agent.tags());
	}

	/** Drops every cached selector of the agent (latest and aliases move; a deleted agent resolves to nothing). */
	void evict(UUID id) {
		cache.asMap().keySet().removeIf(key -> key.agent().equals(id));
	}

	private static Map<String, String> tags(JsonNode definition) {
		Map<String, String> tags = new LinkedHashMap<>();
		definition.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asString()));
		return tags;
	}

	private static RampartException nameTaken(JsonNode definition) {
		return new RampartException(ErrorCode.AGENT_NAME_TAKEN, "The tenant already has a live agent named '"
				+ definition.path("name").asString() + "'.");
	}

	static RampartException notFound() {
		return new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No agent with this id in this tenant.");
	}

	private static AuditEntry entry(TenantId tenant, AuditActor actor, String action, UUID id, Map<String, ?> details) {
		return new AuditEntry(tenant, actor.id(), actor.ip(), action, "agent", id.toString(), AuditEntry.SUCCEEDED, details);
	}
}
