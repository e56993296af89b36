package dev.rampart.executions.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.agents.AgentVersion;
import dev.rampart.agents.Agents;
import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.ResourceAccess;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.IfMatch;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import dev.rampart.shared.VersionConflicts;
import dev.rampart.workflows.WorkflowVersion;
import dev.rampart.workflows.Workflows;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cron schedules of a tenant (docs/runs.md, "Schedules"): create, read, list, replace, delete, each audited.
 * Creating or changing a schedule needs, besides {@code schedule:write}, the right to run its target
 * ({@code agent:execute} or {@code workflow:execute} on that agent or workflow): a schedule is a standing order to run
 * it, so nobody may schedule what they could not start by hand. The target must exist when the schedule is saved; if
 * it disappears later the firing records the problem in {@code lastError} and the schedule keeps ticking.
 */
@Component
public class JdbcSchedules {

	public static final int MAX_PAGE = 200;
	static final String COLUMNS = "id, name, cron, timezone, target_kind, target_id, target_version, input::text as input,"
			+ " enabled, next_fire_at, last_fired_at, last_run_id, last_error::text as last_error, version, created_at,"
			+ " created_by, updated_at";

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final JsonMapper json;
	private final AuditLog audit;
	private final ResourceAccess access;
	private final Agents agents;
	private final Workflows workflows;
	private final VersionConflicts conflicts;

	JdbcSchedules(JdbcClient jdbc, TenantTransactions transactions, Clock clock, JsonMapper json, AuditLog audit,
			ResourceAccess access, Agents agents, Workflows workflows, VersionConflicts conflicts) {
		this.conflicts = conflicts;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.json = json;
		this.audit = audit;
		this.access = access;
		this.agents = agents;
		this.workflows = workflows;
	}

	/**
	 * What a client sends: the whole schedule (a replace sends it whole again).
	 *
	 * @param targetKind {@code agent} or {@code workflow}
	 * @param targetVersion null for the latest at each firing, digits, or (agents) an alias
	 */
	public record Draft(String name, String cron, String timezone, String targetKind, UUID targetId,
			@Nullable String targetVersion, JsonNode input, boolean enabled) {
	}

	public StoredSchedule create(TenantId tenant, Draft draft) {
		AuditActor actor = AuditActor.current();
		CronSchedule cron = checked(tenant, draft);
		UUID id = UuidV7.next(clock);
		Instant now = clock.instant();
		return transactions.inTenant(tenant, () -> {
			try {
				jdbc.sql("""
						insert into schedules (tenant_id, id, name, cron, timezone, target_kind, target_id, target_version, input,
							enabled, next_fire_at, version, created_at, created_by, updated_at, updated_by)
						values (:tenant, :id, :name, :cron, :zone, :kind, :target, :selector, cast(:input as jsonb), :enabled,
							:next, 1, :now, :by, :now, :by)""")
					.params(columns(tenant, id, draft, cron, now, actor.id()))
					.update();
			}
			catch (DuplicateKeyException taken) {
				throw nameTaken(draft.name());
			}
			audit.record(entry(tenant, actor, "schedule.created", id, Map.of("name", draft.name(), "cron", draft.cron())));
			return find(tenant, id).orElseThrow();
		});
	}

	public Optional<StoredSchedule> find(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select " + COLUMNS
				+ " from schedules where tenant_id = :tenant and id = :id")
			.param("tenant", tenant.value()).param("id", id)
			.query((rs, n) -> row(rs))
			.optional());
	}

	/** The schedule, or {@code RESOURCE_NOT_FOUND}. */
	public StoredSchedule get(TenantId tenant, UUID id) {
		return find(tenant, id).orElseThrow(() -> notFound(id));
	}

	/** Schedules in creation order, after the {@code next} of the previous page. */
	public StoredSchedule.Page page(TenantId tenant, @Nullable UUID after, int limit) {
		List<StoredSchedule> items = transactions.inTenant(tenant, () -> jdbc.sql("select " + COLUMNS
				+ " from schedules where tenant_id = :tenant" + (after == null ? "" : " and id > :after")
				+ " order by id limit :limit")
			.param("tenant", tenant.value()).param("after", after).param("limit", limit + 1)
			.query((rs, n) -> row(rs))
			.list());
		return items.size() > limit ? new StoredSchedule.Page(items.subList(0, limit), items.get(limit - 1).id())
				: new StoredSchedule.Page(items, null);
	}

	/**
	 * Replaces the schedule; the next tick is computed again from now (a changed cron or a re-enabled schedule does not
	 * fire ticks it missed meanwhile).
	 *
	 * @param ifMatch the version an {@code If-Match} named: a stale one is overwritten with a warning, or refused when
	 *     strict ({@link VersionConflicts})
	 * @throws RampartException {@code PRECONDITION_FAILED} when a strict {@code ifMatch} is not the stored version
	 */
	public StoredSchedule replace(TenantId tenant, UUID id, Draft draft, IfMatch ifMatch) {
		AuditActor actor = AuditActor.current();
		Instant now = clock.instant();
		return transactions.inTenant(tenant, () -> {
			VersionConflicts.Stored stored = jdbc.sql("""
					select name, version, updated_by, updated_at from schedules where tenant_id = :tenant and id = :id
					for update""")
				.param("tenant", tenant.value()).param("id", id)
				.query((rs, n) -> new VersionConflicts.Stored("schedule", id.toString(), rs.getString("name"),
						rs.getLong("version"), rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant()))
				.optional().orElseThrow(() -> notFound(id));
			conflicts.check(tenant, ifMatch, stored, actor.id());
			CronSchedule cron = checked(tenant, draft);
			try {
				jdbc.sql("""
						update schedules set name = :name, cron = :cron, timezone = :zone, target_kind = :kind, target_id = :target,
							target_version = :selector, input = cast(:input as jsonb), enabled = :enabled, next_fire_at = :next,
							version = version + 1, updated_at = :now, updated_by = :by
						where tenant_id = :tenant and id = :id""")
					.params(columns(tenant, id, draft, cron, now, actor.id()))
					.update();
			}
			catch (DuplicateKeyException taken) {
				throw nameTaken(draft.name());
			}
			audit.record(entry(tenant, actor, "schedule.updated", id, Map.of("name", draft.name(), "cron", draft.cron(),
					"enabled", draft.enabled())));
			return find(tenant, id).orElseThrow();
		});
	}

	/** Deletes the schedule; runs it created stay. */
	public void delete(TenantId tenant, UUID id) {
		AuditActor actor = AuditActor.current();
		transactions.inTenant(tenant, () -> {
			String name = jdbc.sql("delete from schedules where tenant_id = :tenant and id = :id returning name")
				.param("tenant", tenant.value()).param("id", id)
				.query(String.class).optional().orElseThrow(() -> notFound(id));
			audit.record(entry(tenant, actor, "schedule.deleted", id, Map.of("name", name)));
		});
	}

	/**
	 * The cron of a valid draft whose target exists and may be run by the caller.
	 *
	 * @throws InvalidFieldsException naming the field: an unknown target, a cron that never fires, an agent's input
	 *     that is not text
	 */
	private CronSchedule checked(TenantId tenant, Draft draft) {
		CronSchedule cron = CronSchedule.of(draft.cron(), draft.timezone());
		if (cron.after(clock.instant()).isEmpty()) {
			throw new InvalidFieldsException("cron", "never fires (no date matches it)");
		}
		if (draft.targetKind().equals("agent")) {
			AgentVersion agent = agents.resolve(tenant, draft.targetId(), draft.targetVersion())
				.orElseThrow(() -> new InvalidFieldsException("target.agentId", draft.targetVersion() == null
						? "names no agent of this tenant" : "names no agent of this tenant with version or alias '"
								+ draft.targetVersion() + "'"));
			access.require("agent:execute", agent.owner(), agent.tags());
			if (!draft.input().isString() || draft.input().asString().isBlank() || draft.input().asString().length() > 32_000) {
				throw new InvalidFieldsException("input", "must be the agent's input text, 1 to 32,000 characters");
			}
		}
		else {
			WorkflowVersion workflow = workflows.resolve(tenant, draft.targetId(), draft.targetVersion())
				.orElseThrow(() -> new InvalidFieldsException("target.workflowId", draft.targetVersion() == null
						? "names no workflow of this tenant" : "names no workflow of this tenant with version '"
								+ draft.targetVersion() + "'"));
			access.require("workflow:execute", workflow.owner(), workflow.tags());
		}
		return cron;
	}

	private static @Nullable OffsetDateTime next(CronSchedule cron, boolean enabled, Instant now) {
		return enabled ? cron.after(now).map(RunRows::at).orElse(null) : null;
	}

	StoredSchedule row(ResultSet rs) throws SQLException {
		String error = rs.getString("last_error");
		return new StoredSchedule(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("cron"),
				rs.getString("timezone"), rs.getString("target_kind"), rs.getObject("target_id", UUID.class),
				rs.getString("target_version"), json.readTree(rs.getString("input")), rs.getBoolean("enabled"),
				RunRows.instant(rs, "next_fire_at"), RunRows.instant(rs, "last_fired_at"), rs.getObject("last_run_id", UUID.class),
				error == null ? null : json.readTree(error), rs.getLong("version"), RunRows.required(rs, "created_at"),
				rs.getString("created_by"), RunRows.required(rs, "updated_at"));
	}

	/** The named parameters of a schedule's insert and update. */
	private Map<String, @Nullable Object> columns(TenantId tenant, UUID id, Draft draft, CronSchedule cron, Instant now,
			String by) {
		Map<String, @Nullable Object> columns = new HashMap<>();
		columns.put("tenant", tenant.value());
		columns.put("id", id);
		columns.put("name", draft.name());
		columns.put("cron", draft.cron());
		columns.put("zone", draft.timezone());
		columns.put("kind", draft.targetKind());
		columns.put("target", draft.targetId());
		columns.put("selector", draft.targetVersion());
		columns.put("input", json.writeValueAsString(draft.input()));
		columns.put("enabled", draft.enabled());
		columns.put("next", next(cron, draft.enabled(), now));
		columns.put("now", RunRows.at(now));
		columns.put("by", by);
		return columns;
	}

	private static RampartException nameTaken(String name) {
		return new RampartException(ErrorCode.SCHEDULE_NAME_TAKEN, "A schedule named '" + name + "' already exists.");
	}

	static RampartException notFound(UUID id) {
		return new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No schedule with id '" + id + "' in this tenant.");
	}

	private static AuditEntry entry(TenantId tenant, AuditActor actor, String action, UUID id, Map<String, ?> details) {
		return new AuditEntry(tenant, actor.id(), actor.ip(), action, "schedule", id.toString(), AuditEntry.SUCCEEDED,
				details);
	}
}
