package dev.rampart.workflows.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import dev.rampart.workflows.WorkflowVersion;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of {@code workflows} and {@code workflow_versions}. Callers run it in a transaction bound to the tenant;
 * every statement still filters by tenant.
 */
@Component
class WorkflowRows {

	private static final String WORKFLOW = """
			select w.*, v.definition from workflows w
			join workflow_versions v on v.tenant_id = w.tenant_id and v.workflow_id = w.id and v.version = w.latest_version
			""";
	private static final String REFS = """
			agent_refs = array(select jsonb_array_elements_text(cast(:agents as jsonb))::uuid),
			tool_refs = array(select jsonb_array_elements_text(cast(:tools as jsonb))),
			workflow_refs = array(select jsonb_array_elements_text(cast(:workflows as jsonb))::uuid)""";

	private final JdbcClient jdbc;
	private final JsonMapper json;

	WorkflowRows(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(TenantId tenant, UUID id, JsonNode definition, Map<String, String> tags, @Nullable String owner,
			Instant now, String actor) {
		jdbc.sql("""
				insert into workflows (tenant_id, id, name, owner, tags, latest_version, created_at, created_by, updated_at,
					updated_by)
				values (:tenant, :id, :name, :owner, :tags::jsonb, 1, :now, :actor, :now, :actor)""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("name", definition.path("name").asString())
			.param("owner", owner)
			.param("tags", json.writeValueAsString(tags))
			.param("now", Timestamp.from(now))
			.param("actor", actor)
			.update();
		references(tenant, id, definition);
		insertVersion(tenant, id, 1, definition, now, actor);
	}

	/** Makes {@code definition} version {@code next} of a row locked by {@link #lock}. */
	void update(TenantId tenant, UUID id, int next, JsonNode definition, Map<String, String> tags, Instant now,
			String actor) {
		jdbc.sql("""
				update workflows set name = :name, tags = :tags::jsonb, latest_version = :version, updated_at = :now,
					updated_by = :actor
				where tenant_id = :tenant and id = :id""")
			.param("name", definition.path("name").asString())
			.param("tags", json.writeValueAsString(tags))
			.param("version", next)
			.param("now", Timestamp.from(now))
			.param("actor", actor)
			.param("tenant", tenant.value())
			.param("id", id)
			.update();
		references(tenant, id, definition);
		insertVersion(tenant, id, next, definition, now, actor);
	}

	/** Mirrors what the definition names (agents, tools, workflows) for the in-use checks. */
	private void references(TenantId tenant, UUID id, JsonNode definition) {
		Set<String> agents = new LinkedHashSet<>();
		Set<String> tools = new LinkedHashSet<>();
		Set<String> workflows = new LinkedHashSet<>();
		for (JsonNode step : definition.path("steps")) {
			switch (step.path("type").asString()) {
				case "agent" -> {
					Targets.AgentTarget agent = Targets.agent(step.path("agent").asString());
					if (agent != null) {
						agents.add(agent.id().toString());
					}
				}
				case "tool" -> tools.add(step.path("tool").asString());
				case "sub_workflow" -> {
					Targets.WorkflowTarget workflow = Targets.workflow(step.path("workflow").asString());
					if (workflow != null) {
						workflows.add(workflow.id().toString());
					}
				}
				default -> {
				}
			}
		}
		jdbc.sql("update workflows set " + REFS + " where tenant_id = :tenant and id = :id")
			.param("agents", json.writeValueAsString(agents))
			.param("tools", json.writeValueAsString(tools))
			.param("workflows", json.writeValueAsString(workflows))
			.param("tenant", tenant.value())
			.param("id", id)
			.update();
	}

	private void insertVersion(TenantId tenant, UUID id, int version, JsonNode definition, Instant now, String actor) {
		jdbc.sql("""
				insert into workflow_versions (tenant_id, workflow_id, version, definition, created_at, created_by)
				values (:tenant, :id, :version, :definition::jsonb, :now, :actor)""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("version", version)
			.param("definition", json.writeValueAsString(definition))
			.param("now", Timestamp.from(now))
			.param("actor", actor)
			.update();
	}

	Optional<StoredWorkflow> find(TenantId tenant, UUID id) {
		return jdbc.sql(WORKFLOW + "where w.tenant_id = :tenant and w.id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(this::workflow)
			.optional();
	}

	/** The workflow with its row locked until the transaction ends, so concurrent changes take turns. */
	Optional<StoredWorkflow> lock(TenantId tenant, UUID id) {
		return jdbc.sql(WORKFLOW + "where w.tenant_id = :tenant and w.id = :id for update of w")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(this::workflow)
			.optional();
	}

	boolean live(TenantId tenant, UUID id) {
		return jdbc.sql("select count(*) from workflows where tenant_id = :tenant and id = :id and deleted_at is null")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(Integer.class)
			.single() > 0;
	}

	boolean hasVersion(TenantId tenant, UUID id, int version) {
		return jdbc.sql("""
				select count(*) from workflow_versions where tenant_id = :tenant and workflow_id = :id and version = :version""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("version", version)
			.query(Integer.class)
			.single() > 0;
	}

	/** Workflows in id (creation) order after {@code after}, with every tag of {@code tags}. */
	List<StoredWorkflow> page(TenantId tenant, boolean withDeleted, Map<String, @Nullable String> tags,
			@Nullable UUID after, int limit) {
		StringBuilder sql = new StringBuilder(WORKFLOW).append("where w.tenant_id = :tenant");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("tenant", tenant.value());
		if (!withDeleted) {
			sql.append(" and w.deleted_at is null");
		}
		int i = 0;
		for (Map.Entry<String, @Nullable String> tag : tags.entrySet()) {
			if (tag.getValue() == null) {
				sql.append(" and w.tags -> :tagKey").append(i).append(" is not null");
				params.put("tagKey" + i, tag.getKey());
			}
			else {
				sql.append(" and w.tags @> :tag").append(i).append("::jsonb");
				params.put("tag" + i, json.writeValueAsString(Map.of(tag.getKey(), tag.getValue())));
			}
			i++;
		}
		if (after != null) {
			sql.append(" and w.id > :after");
			params.put("after", after);
		}
		sql.append(" order by w.id limit :limit");
		params.put("limit", limit);
		return jdbc.sql(sql.toString()).params(params).query(this::workflow).list();
	}

	List<StoredWorkflow.Version> versions(TenantId tenant, UUID id) {
		return jdbc.sql("select * from workflow_versions where tenant_id = :tenant and workflow_id = :id order by version desc")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(this::version)
			.list();
	}

	Optional<StoredWorkflow.Version> version(TenantId tenant, UUID id, int version) {
		return jdbc.sql("""
				select * from workflow_versions where tenant_id = :tenant and workflow_id = :id and version = :version""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("version", version)
			.query(this::version)
			.optional();
	}

	void markDeleted(TenantId tenant, UUID id, @Nullable Instant when, @Nullable String actor) {
		jdbc.sql("update workflows set deleted_at = :when, deleted_by = :actor where tenant_id = :tenant and id = :id")
			.param("when", when == null ? null : Timestamp.from(when))
			.param("actor", actor)
			.param("tenant", tenant.value())
			.param("id", id)
			.update();
	}

	/** The latest version of a live workflow ({@code number} null), or that version of any workflow. */
	Optional<WorkflowVersion> resolve(TenantId tenant, UUID id, @Nullable Integer number) {
		return jdbc.sql("""
				select w.owner, w.tags, v.version, v.definition from workflows w
				join workflow_versions v on v.tenant_id = w.tenant_id and v.workflow_id = w.id
					and v.version = coalesce(cast(:number as integer), w.latest_version)
				where w.tenant_id = :tenant and w.id = :id and (w.deleted_at is null or cast(:number as integer) is not null)""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("number", number, Types.INTEGER)
			.query((rs, row) -> new WorkflowVersion(id, rs.getInt("version"),
					DefinitionReader.read(json.readTree(rs.getString("definition"))), rs.getString("owner"), tags(rs)))
			.optional();
	}

	/** Names of the live workflows whose latest version runs the agent. */
	List<String> usingAgent(TenantId tenant, UUID agent) {
		return jdbc.sql("""
				select name from workflows where tenant_id = :tenant and deleted_at is null
					and agent_refs @> array[cast(:agent as uuid)] order by name""")
			.param("tenant", tenant.value())
			.param("agent", agent)
			.query(String.class)
			.list();
	}

	/** Names of the live workflows whose latest version calls any of the tools. */
	List<String> usingTools(TenantId tenant, Collection<String> tools) {
		return jdbc.sql("""
				select name from workflows where tenant_id = :tenant and deleted_at is null
					and tool_refs && array(select jsonb_array_elements_text(cast(:tools as jsonb))) order by name""")
			.param("tenant", tenant.value())
			.param("tools", json.writeValueAsString(tools))
			.query(String.class)
			.list();
	}

	/** Names of the other live workflows whose latest version runs this one as a sub-workflow. */
	List<String> usingWorkflow(TenantId tenant, UUID workflow) {
		return jdbc.sql("""
				select name from workflows where tenant_id = :tenant and deleted_at is null and id <> :workflow
					and workflow_refs @> array[cast(:workflow as uuid)] order by name""")
			.param("tenant", tenant.value())
			.param("workflow", workflow)
			.query(String.class)
			.list();
	}

	private StoredWorkflow workflow(ResultSet rs, int row) throws SQLException {
		Timestamp deleted = rs.getTimestamp("deleted_at");
		return new StoredWorkflow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("owner"), tags(rs),
				rs.getInt("latest_version"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
				rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"),
				deleted == null ? null : deleted.toInstant(), json.readTree(rs.getString("definition")));
	}

	private StoredWorkflow.Version version(ResultSet rs, int row) throws SQLException {
		return new StoredWorkflow.Version(rs.getInt("version"), json.readTree(rs.getString("definition")),
				rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
	}

	private Map<String, String> tags(ResultSet rs) throws SQLException {
		Map<String, String> tags = new LinkedHashMap<>();
		json.readTree(rs.getString("tags")).properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asString()));
		return tags;
	}
}
