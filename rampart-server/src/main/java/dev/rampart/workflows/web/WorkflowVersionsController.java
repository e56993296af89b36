package dev.rampart.workflows.web;

import java.time.Instant;
import java.util.List;

import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import dev.rampart.workflows.internal.JdbcWorkflows;
import dev.rampart.workflows.internal.StoredWorkflow;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A workflow's immutable versions (docs/workflows.md, "Versions"): what runs pinned stays readable. */
@RestController
@RequestMapping("/api/v1/workflows/{id}")
class WorkflowVersionsController {

	private final JdbcWorkflows workflows;
	private final CurrentTenant tenant;

	WorkflowVersionsController(JdbcWorkflows workflows, CurrentTenant tenant) {
		this.workflows = workflows;
		this.tenant = tenant;
	}

	/** Newest first; definitions at {@code /versions/{n}}. */
	@GetMapping("/versions")
	@Requires(value = "workflow:read", perResource = true)
	List<VersionSummary> versions(@PathVariable String id) {
		return workflows.versions(tenant.get(), WorkflowsController.known(id)).stream()
			.map(version -> new VersionSummary(version.version(), version.createdAt(), version.createdBy()))
			.toList();
	}

	record VersionSummary(int version, Instant createdAt, String createdBy) {
	}

	@GetMapping("/versions/{version}")
	@Requires(value = "workflow:read", perResource = true)
	VersionView version(@PathVariable String id, @PathVariable String version) {
		var workflow = WorkflowsController.known(id);
		if (!version.matches("[1-9][0-9]{0,8}")) {
			throw new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "Versions are numbered 1, 2, 3, ...");
		}
		StoredWorkflow.Version found = workflows.version(tenant.get(), workflow, Integer.parseInt(version));
		return new VersionView(found.version(), found.createdAt(), found.createdBy(), found.definition());
	}

	record VersionView(int version, Instant createdAt, String createdBy, JsonNode definition) {
	}
}
