package dev.rampart.agents.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rampart.agents.AgentsProperties;
import dev.rampart.agents.internal.JdbcAgents;
import dev.rampart.agents.internal.StoredAgent;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.ETags;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/agents}: create (from a definition or a template), list, read, replace (a new version; {@code If-Match}
 * honoured), soft-delete and restore (docs/agents.md). Handlers on one agent decide per resource (owner, tags).
 */
@RestController
@RequestMapping("/api/v1/agents")
class AgentsController {

	private static final Pattern TAG = Pattern.compile("([a-z0-9][a-z0-9._-]{0,39})(?:[=:](.{1,100}))?");
	private static final Set<String> FROM_TEMPLATE = Set.of("templateId", "values", "name", "overrides");

	private final JdbcAgents agents;
	private final CurrentTenant tenant;
	private final AgentsProperties properties;

	AgentsController(JdbcAgents agents, CurrentTenant tenant, AgentsProperties properties) {
		this.agents = agents;
		this.tenant = tenant;
		this.properties = properties;
	}

	/**
	 * Either a whole agent definition ({@code DEFINITION_INVALID} when it fails a check), or
	 * {@code {"templateId", "values", "name"?, "overrides"?}} ({@code TEMPLATE_VALIDATION_FAILED}). Decided per resource:
	 * the caller owns the new agent, so a role that may write only its own agents (or only agents with some tags) can
	 * create them.
	 */
	@PostMapping
	@Requires(value = "agent:write", perResource = true)
	ResponseEntity<AgentView> create(@RequestBody JsonNode body) {
		StoredAgent created;
		if (body.isObject() && body.has("templateId")) {
			for (String field : body.propertyNames()) {
				if (!FROM_TEMPLATE.contains(field)) {
					throw new InvalidFieldsException(field, "is not a known field; put agent fields in overrides");
				}
			}
			if (!body.get("templateId").isString() || body.has("name") && !body.get("name").isString()) {
				throw new InvalidFieldsException(body.get("templateId").isString() ? "name" : "templateId", "must be a string");
			}
			created = agents.createFromTemplate(tenant.get(), body.get("templateId").stringValue(), body.get("values"),
					body.has("name") ? body.get("name").stringValue() : null, body.get("overrides"));
		}
		else {
			created = agents.create(tenant.get(), body);
		}
		return ResponseEntity.created(URI.create("/api/v1/agents/" + created.id()))
			.eTag(AgentView.etag(created.version()))
			.body(AgentView.of(created, properties.restoreWindow()));
	}

	/**
	 * Live agents in creation order; {@code deleted=true} adds the soft-deleted ones. {@code tag=env=staging} (or
	 * {@code env:staging}) keeps agents with that tag, {@code tag=env} those with the key; repeat to require several.
	 */
	@GetMapping
	@Requires("agent:read")
	Page list(@RequestParam(name = "tag", required = false) @Nullable List<String> tags,
			@RequestParam(name = "deleted", defaultValue = "false") boolean deleted,
			@RequestParam(name = "after", required = false) @Nullable String after,
			@RequestParam(name = "limit", defaultValue = "50") int limit) {
		if (limit < 1 || limit > JdbcAgents.MAX_PAGE) {
			throw new InvalidFieldsException("limit", "must be 1 to " + JdbcAgents.MAX_PAGE);
		}
		Map<String, @Nullable String> wanted = new LinkedHashMap<>();
		for (String tag : tags == null ? List.<String>of() : tags) {
			Matcher matcher = TAG.matcher(tag);
			if (!matcher.matches()) {
				throw new InvalidFieldsException("tag", "is key=value or key, with a key of lower-case letters, digits, '.', '_', '-'");
			}
			wanted.put(matcher.group(1), matcher.group(2));
		}
		UUID cursor = null;
		if (after != null) {
			cursor = uuid(after);
			if (cursor == null) {
				throw new InvalidFieldsException("after", "must be the next value of the previous page");
			}
		}
		StoredAgent.Page page = agents.page(tenant.get(), deleted, wanted, cursor, limit);
		return new Page(page.items().stream().map(agent -> AgentView.of(agent, properties.restoreWindow())).toList(),
				page.next());
	}

	/** A page of agents; {@code next} goes in {@code after} for the following page, null on the last. */
	record Page(List<AgentView> items, @Nullable UUID next) {
	}

	/** The agent, also when soft-deleted (then with {@code deletedAt} and {@code restorableUntil}). */
	@GetMapping("/{id}")
	@Requires(value = "agent:read", perResource = true)
	ResponseEntity<AgentView> get(@PathVariable String id) {
		StoredAgent agent = agents.get(tenant.get(), known(id));
		return ResponseEntity.ok().eTag(AgentView.etag(agent.version())).body(AgentView.of(agent, properties.restoreWindow()));
	}

	/**
	 * Replaces the whole definition: a new version. A stale {@code If-Match} overwrites with a {@code Warning} (412 with
	 * {@code Prefer: strict-concurrency}; docs/notifications.md, "Conflicts").
	 */
	@PutMapping("/{id}")
	@Requires(value = "agent:write", perResource = true)
	ResponseEntity<AgentView> replace(@PathVariable String id, @RequestBody JsonNode definition,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
			@RequestHeader(name = "Prefer", required = false) @Nullable String prefer) {
		StoredAgent agent = agents.replace(tenant.get(), known(id), definition,
				ETags.ifMatch(ifMatch, prefer, "GET /api/v1/agents/{id}"));
		return ResponseEntity.ok().eTag(AgentView.etag(agent.version())).body(AgentView.of(agent, properties.restoreWindow()));
	}

	/** Soft delete after the checks: 409 {@code AGENT_RUNNING} or {@code AGENT_IN_USE}. */
	@DeleteMapping("/{id}")
	@Requires(value = "agent:delete", perResource = true)
	ResponseEntity<Void> delete(@PathVariable String id) {
		agents.delete(tenant.get(), known(id));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/restore")
	@Requires(value = "agent:delete", perResource = true)
	ResponseEntity<AgentView> restore(@PathVariable String id) {
		StoredAgent agent = agents.restore(tenant.get(), known(id));
		return ResponseEntity.ok().eTag(AgentView.etag(agent.version())).body(AgentView.of(agent, properties.restoreWindow()));
	}

	/** {@code id} if it can name an agent at all; else not found. */
	static UUID known(String id) {
		UUID uuid = uuid(id);
		if (uuid == null) {
			throw new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No agent with this id in this tenant.");
		}
		return uuid;
	}

	private static @Nullable UUID uuid(String text) {
		try {
			return text.length() == 36 ? UUID.fromString(text) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
