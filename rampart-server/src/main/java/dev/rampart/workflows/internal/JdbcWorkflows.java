package dev.rampart.workflows.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.ResourceAccess;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.IfMatch;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import dev.rampart.shared.VersionConflicts;
import dev.rampart.shared.schema.DefinitionInvalidException;
import dev.rampart.workflows.WorkflowVersion;
import dev.rampart.workflows.Workflows;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Workflows and their versions in PostgreSQL (docs/workflows.md). Every change locks the workflow's row, asks
 * {@link ResourceAccess} for the loaded workflow, runs every check of {@link WorkflowChecks}, writes and audits in the
 * same transaction. Another tenant's workflow is "not found", never "forbidden". Deletion is soft and restorable; the
 * versions of a deleted workflow still resolve by number, so runs that pinned one can finish.
 */
@Component
public class JdbcWorkflows implements Workflows {

	public static final int MAX_PAGE = 200;

	private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}");

	private final WorkflowRows rows;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final AuditLog audit;
	private final ResourceAccess access;
	private final WorkflowChecks checks;
	private final VersionConflicts conflicts;

	JdbcWorkflows(WorkflowRows rows, TenantTransactions transactions, Clock clock, AuditLog audit, ResourceAccess access,
			WorkflowChecks checks, VersionConflicts conflicts) {
		this.conflicts = conflicts;
		this.rows = rows;
		this.transactions = transactions;
		this.clock = clock;
		this.audit = audit;
		this.access = access;
		this.checks = checks;
	}

	@Override
	public Optional<WorkflowVersion> resolve(TenantId tenant, UUID id, @Nullable String version) {
		if (version == null || version.equals("latest")) {
			return transactions.inTenant(tenant, () -> rows.resolve(tenant, id, null));
		}
		if (!NUMBER.matcher(version).matches()) {
			return Optional.empty();
		}
		return transactions.inTenant(tenant, () -> rows.resolve(tenant, id, Integer.parseInt(version)));
	}

	/** Every problem of a draft, by path; empty when it would be stored as it is. */
	public List<FieldProblem> validate(TenantId tenant, JsonNode definition) {
		return transactions.inTenant(tenant, () -> checks.problems(tenant, definition, null));
	}

	/**
	 * A new workflow owned by the caller; problems answer {@code DEFINITION_INVALID}, by path. The caller needs
	 * {@code workflow:write} on a workflow it owns with the new workflow's tags.
	 */
	public StoredWorkflow create(TenantId tenant, JsonNode definition) {
		AuditActor actor = AuditActor.current();
		access.require("workflow:write", actor.id(), tags(definition));
		UUID id = UuidV7.next(clock);
		return transactions.inTenant(tenant, () -> {
			check(tenant, definition, null);
			try {
				rows.insert(tenant, id, definition, tags(definition), actor.id(), clock.instant(), actor.id());
			}
			catch (DuplicateKeyException taken) {
				throw nameTaken(definition);
			}
			audit.record(entry(tenant, actor, "workflow.created", id,
					Map.of("name", definition.path("name").asString(), "version", 1)));
			return rows.find(tenant, id).orElseThrow();
		});
	}

	/** The workflow, live or deleted, after {@code workflow:read} on it. */
	public StoredWorkflow get(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> readable(tenant, id));
	}

	/**
	 * @param tags {@code key → value} to match, or {@code key → null} for workflows that have the key
	 * @param after the {@code next} cursor of the previous page
	 */
	public StoredWorkflow.Page page(TenantId tenant, boolean withDeleted, Map<String, @Nullable String> tags,
			@Nullable UUID after, int limit) {
		List<StoredWorkflow> items = transactions.inTenant(tenant,
				() -> rows.page(tenant, withDeleted, tags, after, limit + 1));
		if (items.size() > limit) {
			return new StoredWorkflow.Page(items.subList(0, limit), items.get(limit - 1).id());
		}
		return new StoredWorkflow.Page(items, null);
	}

	/**
	 * Makes {@code definition} the workflow's next version.
	 *
	 * @param ifMatch the version the caller read ({@code If-Match}): a stale one is overwritten with a warning, or refused
	 *     when strict ({@link VersionConflicts})
	 */
	public StoredWorkflow replace(TenantId tenant, UUID id, JsonNode definition, IfMatch ifMatch) {
		AuditActor actor = AuditActor.current();
		return transactions.inTenant(tenant, () -> {
			StoredWorkflow before = live(tenant, id, "workflow:write");
			conflicts.check(tenant, ifMatch, new VersionConflicts.Stored("workflow", id.toString(), before.name(),
					before.version(), before.updatedBy(), before.updatedAt()), actor.id());
			check(tenant, definition, id);
			// the new tags must be ones the caller may write too, or a tag change could move it out of reach
			access.require("workflow:write", before.owner(), tags(definition));
			int next = before.version() + 1;
			try {
				rows.update(tenant, id, next, definition, tags(definition), clock.instant(), actor.id());
			}
			catch (DuplicateKeyException taken) {
				throw nameTaken(definition);
			}
			audit.record(entry(tenant, actor, "workflow.updated", id, Map.of("name", definition.path("name").asString(),
					"version", next, "previousVersion", before.version())));
			return rows.find(tenant, id).orElseThrow();
		});
	}

	/** Soft-deletes the workflow unless another workflow's latest version runs it ({@code WORKFLOW_IN_USE}). */
	public void delete(TenantId tenant, UUID id) {
		AuditActor actor = AuditActor.current();
		transactions.inTenant(tenant, () -> {
			StoredWorkflow workflow = live(tenant, id, "workflow:delete");
			List<String> users = rows.usingWorkflow(tenant, id);
			if (!users.isEmpty()) {
				throw new RampartException(ErrorCode.WORKFLOW_IN_USE, "Workflow '" + workflow.name() + "' is run by "
						+ users.size() + (users.size() == 1 ? " workflow: " : " workflows: ") + String.join(", ", users) + ".");
			}
			rows.markDeleted(tenant, id, clock.instant(), actor.id());
			audit.record(entry(tenant, actor, "workflow.deleted", id,
					Map.of("name", workflow.name(), "version", workflow.version())));
		});
	}

	/** Brings a soft-deleted workflow back; a live workflow is returned as it is. */
	public StoredWorkflow restore(TenantId tenant, UUID id) {
		AuditActor actor = AuditActor.current();
		return transactions.inTenant(tenant, () -> {
			StoredWorkflow workflow = rows.lock(tenant, id).orElseThrow(JdbcWorkflows::notFound);
			access.require("workflow:delete", workflow.owner(), workflow.tags());
			if (!workflow.deleted()) {
				return workflow;
			}
			try {
				rows.markDeleted(tenant, id, null, null);
			}
			catch (DuplicateKeyException taken) {
				throw new RampartException(ErrorCode.WORKFLOW_NAME_TAKEN, "Another live workflow is now named '"
						+ workflow.name() + "'; rename it, then restore this one.");
			}
			audit.record(entry(tenant, actor, "workflow.restored", id, Map.of("name", workflow.name())));
			return rows.find(tenant, id).orElseThrow();
		});
	}

	public List<StoredWorkflow.Version> versions(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> {
			readable(tenant, id);
			return rows.versions(tenant, id);
		});
	}

	public StoredWorkflow.Version version(TenantId tenant, UUID id, int version) {
		return transactions.inTenant(tenant, () -> {
			readable(tenant, id);
			return rows.version(tenant, id, version).orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND,
					"The workflow has no version " + version + "."));
		});
	}

	private void check(TenantId tenant, JsonNode definition, @Nullable UUID self) {
		List<FieldProblem> problems = checks.problems(tenant, definition, self);
		if (!problems.isEmpty()) {
			throw new DefinitionInvalidException("workflow-definition", problems);
		}
	}

	/** A live workflow, locked, after {@code permission} on it. */
	private StoredWorkflow live(TenantId tenant, UUID id, String permission) {
		StoredWorkflow workflow = rows.lock(tenant, id).orElseThrow(JdbcWorkflows::notFound);
		access.require(permission, workflow.owner(), workflow.tags());
		if (workflow.deleted()) {
			throw new RampartException(ErrorCode.RESOURCE_NOT_FOUND,
					"The workflow is deleted; restore it with POST /api/v1/workflows/{id}/restore first.");
		}
		return workflow;
	}

	private StoredWorkflow readable(TenantId tenant, UUID id) {
		StoredWorkflow workflow = rows.find(tenant, id).orElseThrow(JdbcWorkflows::notFound);
		access.require("workflow:read", workflow.owner(), workflow.tags());
		return workflow;
	}

	private static Map<String, String> tags(JsonNode definition) {
		Map<String, String> tags = new LinkedHashMap<>();
		definition.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asString()));
		return tags;
	}

	private static RampartException nameTaken(JsonNode definition) {
		return new RampartException(ErrorCode.WORKFLOW_NAME_TAKEN, "The tenant already has a live workflow named '"
				+ definition.path("name").asString() + "'.");
	}

	static RampartException notFound() {
		return new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No workflow with this id in this tenant.");
	}

	private static AuditEntry entry(TenantId tenant, AuditActor actor, String action, UUID id, Map<String, ?> details) {
		return new AuditEntry(tenant, actor.id(), actor.ip(), action, "workflow", id.toString(), AuditEntry.SUCCEEDED,
				details);
	}
}
