package dev.rampart.agents.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import dev.rampart.shared.schema.DefinitionInvalidException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/templates}: the built-in catalog, then the tenant's own templates from {@code agent_templates}. Built-in
 * ones cannot be changed; a tenant's are checked by {@link TemplateChecks} and every change is audited.
 */
@Component
public class TemplateCatalog {

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final AuditLog audit;
	private final JsonMapper json;
	private final BuiltInTemplates builtIn;
	private final TemplateChecks checks;

	TemplateCatalog(JdbcClient jdbc, TenantTransactions transactions, Clock clock, AuditLog audit, JsonMapper json,
			BuiltInTemplates builtIn, TemplateChecks checks) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.audit = audit;
		this.json = json;
		this.builtIn = builtIn;
		this.checks = checks;
	}

	/** Built-in templates first, then the tenant's, oldest first. */
	public List<Template> list(TenantId tenant) {
		List<Template> all = new ArrayList<>(builtIn.all());
		all.addAll(transactions.inTenant(tenant, () -> jdbc.sql("select * from agent_templates where tenant_id = :tenant order by id")
			.param("tenant", tenant.value())
			.query(this::template)
			.list()));
		return all;
	}

	public Optional<Template> find(TenantId tenant, String id) {
		if (id.startsWith(Template.BUILT_IN_PREFIX)) {
			return builtIn.all().stream().filter(template -> template.id().equals(id)).findFirst();
		}
		UUID uuid = uuid(id);
		if (uuid == null) {
			return Optional.empty();
		}
		return transactions.inTenant(tenant, () -> stored(tenant, uuid));
	}

	public Template create(TenantId tenant, JsonNode definition) {
		check(definition);
		AuditActor actor = AuditActor.current();
		UUID id = UuidV7.next(clock);
		return transactions.inTenant(tenant, () -> {
			Timestamp now = Timestamp.from(clock.instant());
			jdbc.sql("""
					insert into agent_templates (tenant_id, id, definition, version, created_at, created_by, updated_at, updated_by)
					values (:tenant, :id, :definition::jsonb, 1, :now, :actor, :now, :actor)""")
				.param("tenant", tenant.value())
				.param("id", id)
				.param("definition", json.writeValueAsString(definition))
				.param("now", now)
				.param("actor", actor.id())
				.update();
			audit.record(entry(tenant, actor, "template.created", id, Map.of("name", definition.path("name").asString())));
			return stored(tenant, id).orElseThrow();
		});
	}

	public Template replace(TenantId tenant, String id, JsonNode definition) {
		UUID uuid = own(id);
		AuditActor actor = AuditActor.current();
		return transactions.inTenant(tenant, () -> {
			jdbc.sql("select id from agent_templates where tenant_id = :tenant and id = :id for update")
				.param("tenant", tenant.value())
				.param("id", uuid)
				.query(UUID.class)
				.optional()
				.orElseThrow(TemplateCatalog::notFound);
			check(definition);
			int updated = jdbc.sql("""
					update agent_templates set definition = :definition::jsonb, version = version + 1, updated_at = :now,
						updated_by = :actor
					where tenant_id = :tenant and id = :id""")
				.param("definition", json.writeValueAsString(definition))
				.param("now", Timestamp.from(clock.instant()))
				.param("actor", actor.id())
				.param("tenant", tenant.value())
				.param("id", uuid)
				.update();
			if (updated == 0) {
				throw notFound();
			}
			audit.record(entry(tenant, actor, "template.updated", uuid, Map.of("name", definition.path("name").asString())));
			return stored(tenant, uuid).orElseThrow();
		});
	}

	public void delete(TenantId tenant, String id) {
		UUID uuid = own(id);
		AuditActor actor = AuditActor.current();
		transactions.inTenant(tenant, () -> {
			int deleted = jdbc.sql("delete from agent_templates where tenant_id = :tenant and id = :id")
				.param("tenant", tenant.value())
				.param("id", uuid)
				.update();
			if (deleted == 0) {
				throw notFound();
			}
			audit.record(entry(tenant, actor, "template.deleted", uuid, Map.of()));
		});
	}

	private void check(JsonNode definition) {
		List<FieldProblem> problems = checks.problems(definition);
		if (!problems.isEmpty()) {
			throw new DefinitionInvalidException("template-definition", problems);
		}
	}

	private UUID own(String id) {
		if (id.startsWith(Template.BUILT_IN_PREFIX) && builtIn.all().stream().anyMatch(template -> template.id().equals(id))) {
			throw new RampartException(ErrorCode.TEMPLATE_BUILT_IN, "'" + id + "' is a built-in template.");
		}
		UUID uuid = uuid(id);
		if (uuid == null) {
			throw notFound();
		}
		return uuid;
	}

	private Optional<Template> stored(TenantId tenant, UUID id) {
		return jdbc.sql("select * from agent_templates where tenant_id = :tenant and id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(this::template)
			.optional();
	}

	private Template template(ResultSet rs, int row) throws SQLException {
		return new Template(rs.getObject("id", UUID.class).toString(), false, json.readTree(rs.getString("definition")),
				rs.getInt("version"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
				rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
	}

	private static AuditEntry entry(TenantId tenant, AuditActor actor, String action, UUID id, Map<String, ?> details) {
		return new AuditEntry(tenant, actor.id(), actor.ip(), action, "template", id.toString(), AuditEntry.SUCCEEDED, details);
	}

	static RampartException notFound() {
		return new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No template with this id in this tenant.");
	}

	static @Nullable UUID uuid(String id) {
		try {
			return id.length() == 36 ? UUID.fromString(id) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
