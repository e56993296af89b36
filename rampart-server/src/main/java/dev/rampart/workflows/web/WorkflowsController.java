package dev.rampart.workflows.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.ETags;
import dev.rampart.shared.IfMatch;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.Requires;
import dev.rampart.shared.ResourceIds;
import dev.rampart.shared.schema.DefinitionInvalidException;
import dev.rampart.workflows.internal.JdbcWorkflows;
import dev.rampart.workflows.internal.StoredWorkflow;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
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
 * {@code /api/v1/workflows}: create, list, read, replace (a new version; {@code If-Match} honoured), soft-delete and
 * restore, and a dry run of every check ({@code POST /validate}); definitions in JSON or YAML (docs/workflows.md).
 * Handlers on one workflow decide per resource (owner, tags).
 */
@RestController
@RequestMapping("/api/v1/workflows")
class WorkflowsController {

	private static final Pattern TAG = Pattern.compile("([a-z0-9][a-z0-9._-]{0,39})(?:[=:](.{1,100}))?");

	private final JdbcWorkflows workflows;
	private final CurrentTenant tenant;

	WorkflowsController(JdbcWorkflows workflows, CurrentTenant tenant) {
		this.workflows = workflows;
		this.tenant = tenant;
	}

	/** A whole definition; {@code DEFINITION_INVALID} lists every problem by path. The caller owns the new workflow. */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Requires(value = "workflow:write", perResource = true)
	ResponseEntity<WorkflowView> create(@RequestBody JsonNode definition) {
		StoredWorkflow created = workflows.create(tenant.get(), definition);
		return ResponseEntity.created(URI.create("/api/v1/workflows/" + created.id()))
			.eTag(WorkflowView.etag(created.version()))
			.body(WorkflowView.of(created));
	}

	/** The same as {@link #create} with the definition as YAML text. */
	@PostMapping(consumes = { "application/yaml", "application/x-yaml", "text/yaml" })
	@Requires(value = "workflow:write", perResource = true)
	ResponseEntity<WorkflowView> createYaml(@RequestBody String definition) {
		return create(YamlDefinitions.read(definition));
	}

	/** Runs every check of create on a draft without storing it: 200 {@code {"valid": true}} or 400 with the problems. */
	@PostMapping(path = "/validate", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Requires("workflow:read")
	Map<String, Boolean> validate(@RequestBody JsonNode definition) {
		List<FieldProblem> problems = workflows.validate(tenant.get(), definition);
		if (!problems.isEmpty()) {
			throw new DefinitionInvalidException("workflow-definition", problems);
		}
		return Map.of("valid", true);
	}

	@PostMapping(path = "/validate", consumes = { "application/yaml", "application/x-yaml", "text/yaml" })
	@Requires("workflow:read")
	Map<String, Boolean> validateYaml(@RequestBody String definition) {
		return validate(YamlDefinitions.read(definition));
	}

	/**
	 * Live workflows in creation order; {@code deleted=true} adds the soft-deleted ones. {@code tag=env=staging} keeps
	 * workflows with that tag, {@code tag=env} those with the key; repeat to require several.
	 */
	@GetMapping
	@Requires("workflow:read")
	Page list(@RequestParam(name = "tag", required = false) @Nullable List<String> tags,
			@RequestParam(name = "deleted", defaultValue = "false") boolean deleted,
			@RequestParam(name = "after", required = false) @Nullable String after,
			@RequestParam(name = "limit", defaultValue = "50") int limit) {
		if (limit < 1 || limit > JdbcWorkflows.MAX_PAGE) {
			throw new InvalidFieldsException("limit", "must be 1 to " + JdbcWorkflows.MAX_PAGE);
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
			try {
				cursor = UUID.fromString(after);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidFieldsException("after", "must be the next value of the previous page");
			}
		}
		StoredWorkflow.Page page = workflows.page(tenant.get(), deleted, wanted, cursor, limit);
		return new Page(page.items().stream().map(WorkflowView::of).toList(), page.next());
	}

	/** A page of workflows; {@code next} goes in {@code after} for the following page, null on the last. */
	record Page(List<WorkflowView> items, @Nullable UUID next) {
	}

	/** The workflow, also when soft-deleted (then with {@code deletedAt}). */
	@GetMapping("/{id}")
	@Requires(value = "workflow:read", perResource = true)
	ResponseEntity<WorkflowView> get(@PathVariable String id) {
		StoredWorkflow workflow = workflows.get(tenant.get(), known(id));
		return ResponseEntity.ok().eTag(WorkflowView.etag(workflow.version())).body(WorkflowView.of(workflow));
	}

	/**
	 * Replaces the whole definition: a new version. A stale {@code If-Match} overwrites with a {@code Warning} (412 with
	 * {@code Prefer: strict-concurrency}; docs/notifications.md, "Conflicts").
	 */
	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Requires(value = "workflow:write", perResource = true)
	ResponseEntity<WorkflowView> replace(@PathVariable String id, @RequestBody JsonNode definition,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
			@RequestHeader(name = "Prefer", required = false) @Nullable String prefer) {
		StoredWorkflow workflow = workflows.replace(tenant.get(), known(id), definition, version(ifMatch, prefer));
		return ResponseEntity.ok().eTag(WorkflowView.etag(workflow.version())).body(WorkflowView.of(workflow));
	}

	@PutMapping(path = "/{id}", consumes = { "application/yaml", "application/x-yaml", "text/yaml" })
	@Requires(value = "workflow:write", perResource = true)
	ResponseEntity<WorkflowView> replaceYaml(@PathVariable String id, @RequestBody String definition,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
			@RequestHeader(name = "Prefer", required = false) @Nullable String prefer) {
		UUID known = known(id);
		IfMatch ifVersion = version(ifMatch, prefer);
		StoredWorkflow workflow = workflows.replace(tenant.get(), known, YamlDefinitions.read(definition), ifVersion);
		return ResponseEntity.ok().eTag(WorkflowView.etag(workflow.version())).body(WorkflowView.of(workflow));
	}

	/** Soft delete; 409 {@code WORKFLOW_IN_USE} while another workflow runs it as a sub-workflow. */
	@DeleteMapping("/{id}")
	@Requires(value = "workflow:delete", perResource = true)
	ResponseEntity<Void> delete(@PathVariable String id) {
		workflows.delete(tenant.get(), known(id));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/restore")
	@Requires(value = "workflow:delete", perResource = true)
	ResponseEntity<WorkflowView> restore(@PathVariable String id) {
		StoredWorkflow workflow = workflows.restore(tenant.get(), known(id));
		return ResponseEntity.ok().eTag(WorkflowView.etag(workflow.version())).body(WorkflowView.of(workflow));
	}

	static UUID known(String id) {
		return ResourceIds.uuid(id, "workflow");
	}

	private static IfMatch version(@Nullable String ifMatch, @Nullable String prefer) {
		return ETags.ifMatch(ifMatch, prefer, "GET /api/v1/workflows/{id}");
	}
}
