package dev.rampart.agents.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.agents.AgentVersion;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of {@code agents}, {@code agent_versions} and {@code agent_aliases}. Callers run it in a transaction bound to
 * the tenant; every statement still filters by tenant.
 */
final class AgentRows {

	private static final String AGENT = """
			select a.*, v.definition from agents a
			join agent_versions v on v.tenant_id = a.tenant_id and v.agent_id = a.id and v.version = a.latest_version
			""";

	private final JdbcClient jdbc;
	private final JsonMapper json;

	AgentRows(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(TenantId tenant, UUID id, JsonNode definition, Map<String, String> tags, @Nullable String owner,
			Instant now, String actor) {
		jdbc.sql("""
				insert into agents (tenant_id, id, name, owner, tags, latest_version, created_at, created_by, updated_at,
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
		insertVersion(tenant, id, 1, definition, now, actor);
	}

	/** Makes {@code definition} the next version of a row locked by {@link #lock}; returns its number. */
	int update(TenantId tenant, UUID id, int next, JsonNode definition, Map<String, String> tags, Instant now, String actor) {
		jdbc.sql("""
				update agents set name = :name, tags = :tags::jsonb, latest_version = :version, updated_at = :now,
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
		insertVersion(tenant, id, next, definition, now, actor);
		return next;
	}

	private void insertVersion(TenantId tenant, UUID id, int version, JsonNode definition, Instant now, String actor) {
		jdbc.sql("""
				insert into agent_versions (tenant_id, agent_id, version, definition, created_at, created_by)
				values (:tenant, :id, :version, :definition::jsonb, :now, :actor)""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("version", version)
			.param("definition", json.writeValueAsString(definition))
			.param("now", Timestamp.from(now))
			.param("actor", actor)
			.update();
	}

	Optional<StoredAgent> find(TenantId tenant, UUID id) {
		return jdbc.sql(AGENT + "where a.tenant_id = :tenant and a.id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(this::agent)
			.optional();
	}

	/** The agent with its row locked until the transaction ends, so concurrent changes take turns. */
	Optional<StoredAgent> lock(TenantId tenant, UUID id) {
		return jdbc.sql(AGENT + "where a.tenant_id = :tenant and a.id = :id for update of a")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(this::agent)
			.optional();
	}

	/**
	 * Agents in id (creation) order after {@code after}, with every tag of {@code tags} ({@code key → value}, or
	 * {@code key → null} for "has the key").
	 */
	List<StoredAgent> page(TenantId tenant, boolean withDeleted, Map<String, @Nullable String> tags, @Nullable UUID after,
			int limit) {
		StringBuilder sql = new StringBuilder(AGENT).append("where a.tenant_id = :tenant");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("tenant", tenant.value());
		if (!withDeleted) {
			sql.append(" and a.deleted_at is null");
		}
		int i = 0;
		for (Map.Entry<String, @Nullable String> tag : tags.entrySet()) {
			if (tag.getValue() == null) {
				sql.append(" and a.tags -> :tagKey").append(i).append(" is not null");
				params.put("tagKey" + i, tag.getKey());
			}
			else {
				sql.append(" and a.tags @> :tag").append(i).append("::jsonb");
				params.put("tag" + i, json.writeValueAsString(Map.of(tag.getKey(), tag.getValue())));
			}
			i++;
		}
		if (after != null) {
			sql.append(" and a.id > :after");
			params.put("after", after);
		}
		sql.append(" order by a.id limit :limit");
		params.put("limit", limit);
		return jdbc.sql(sql.toString()).params(params).query(this::agent).list();
	}

	List<StoredAgent.Version> versions(TenantId tenant, UUID id) {
		return jdbc.sql("""
				select * from agent_versions where tenant_id = :tenant and agent_id = :id order by version desc""")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(this::version)
			.list();
	}

	Optional<StoredAgent.Version> version(TenantId tenant, UUID id, int version) {
		return jdbc.sql("select * from agent_versions where tenant_id = :tenant and agent_id = :id and version = :version")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("version", version)
			.query(this::version)
			.optional();
	}

	List<StoredAgent.Alias> aliases(TenantId tenant, UUID id) {
		return jdbc.sql("select * from agent_aliases where tenant_id = :tenant and agent_id = :id order by name")
			.param("tenant", tenant.value())
			.param("id", id)
			.query((rs, row) -> new StoredAgent.Alias(rs.getString("name"), rs.getInt("version"),
					rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by")))
			.list();
	}

	void setAlias(TenantId tenant, UUID id, String name, int version, Instant now, String actor) {
		jdbc.sql("""
				insert into agent_aliases (tenant_id, agent_id, name, version, updated_at, updated_by)
				values (:tenant, :id, :name, :version, :now, :actor)
				on conflict (tenant_id, agent_id, name) do update set version = excluded.version,
					updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("name", name)
			.param("version", version)
			.param("now", Timestamp.from(now))
			.param("actor", actor)
			.update();
	}

	boolean deleteAlias(TenantId tenant, UUID id, String name) {
		return jdbc.sql("delete from agent_aliases where tenant_id = :tenant and agent_id = :id and name = :name")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("name", name)
			.update() > 0;
	}

	void markDeleted(TenantId tenant, UUID id, @Nullable Instant when, @Nullable String actor) {
		jdbc.sql("update agents set deleted_at = :when, deleted_by = :actor where tenant_id = :tenant and id = :id")
			.param("when", when == null ? null : Timestamp.from(when))
			.param("actor", actor)
			.param("tenant", tenant.value())
			.param("id", id)
			.update();
	}

	/**
	 * The version a selector names of a live agent: latest ({@code null}), a number, or an alias.
	 */
	Optional<AgentVersion> resolve(TenantId tenant, UUID id, @Nullable Integer number, @Nullable String alias) {
		String sql;
		if (alias != null) {
			sql = """
					select a.owner, a.tags, v.version, v.definition from agents a
					join agent_aliases al on al.tenant_id = a.tenant_id and al.agent_id = a.id and al.name = :alias
					join agent_versions v on v.tenant_id = a.tenant_id and v.agent_id = a.id and v.version = al.version
					where a.tenant_id = :tenant and a.id = :id and a.deleted_at is null""";
		}
		else {
			sql = """
					select a.owner, a.tags, v.version, v.definition from agents a
					join agent_versions v on v.tenant_id = a.tenant_id and v.agent_id = a.id
						and v.version = coalesce(cast(:number as integer), a.latest_version)
					where a.tenant_id = :tenant and a.id = :id and a.deleted_at is null""";
		}
		var statement = jdbc.sql(sql).param("tenant", tenant.value()).param("id", id);
		statement = alias != null ? statement.param("alias", alias) : statement.param("number", number, Types.INTEGER);
		return statement.query((rs, row) -> new AgentVersion(id, rs.getInt("version"),
				DefinitionReader.read(json.readTree(rs.getString("definition"))), rs.getString("owner"), tags(rs)))
			.optional();
	}

	private StoredAgent agent(ResultSet rs, int row) throws SQLException {
		Timestamp deleted = rs.getTimestamp("deleted_at");
		return new StoredAgent(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("owner"), tags(rs),
				rs.getInt("latest_version"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
				rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"),
				deleted == null ? null : deleted.toInstant(), json.readTree(rs.getString("definition")));
	}

	private StoredAgent.Version version(ResultSet rs, int row) throws SQLException {
		return new StoredAgent.Version(rs.getInt("version"), json.readTree(rs.getString("definition")),
				rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
	}

	private Map<String, String> tags(ResultSet rs) throws SQLException {
		Map<String, String> tags = new LinkedHashMap<>();
		json.readTree(rs.getString("tags")).properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asString()));
		return tags;
	}
}
