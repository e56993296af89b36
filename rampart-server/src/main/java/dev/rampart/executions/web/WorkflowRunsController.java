package dev.rampart.executions.web;

import java.util.List;
import java.util.UUID;

import dev.rampart.executions.internal.JdbcRuns;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.ResourceAccess;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import dev.rampart.shared.ResourceIds;
import dev.rampart.shared.schema.JsonSchemas;
import dev.rampart.workflows.WorkflowVersion;
import dev.rampart.workflows.Workflows;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * {@code POST /api/v1/workflows/{id}/runs}: a durable workflow run (docs/runs.md, "Workflow runs"). Checked like agent
 * runs ({@code workflow:execute} on the workflow, owner and tags), the version resolved and pinned, the input checked
 * against the workflow's {@code inputSchema} (each violation a field problem under {@code input}), then queued:
 * {@code 202} with the run. An {@code Idempotency-Key} works as for agent runs.
 */
@RestController
@RequestMapping("/api/v1/workflows")
class WorkflowRunsController {

	private final Workflows workflows;
	private final ResourceAccess access;
	private final JsonSchemas schemas;
	private final JdbcRuns runs;
	private final JsonMapper json;

	WorkflowRunsController(Workflows workflows, ResourceAccess access, JsonSchemas schemas, JdbcRuns runs, JsonMapper json) {
		this.workflows = workflows;
		this.access = access;
		this.schemas = schemas;
		this.runs = runs;
		this.json = json;
	}

	/**
	 * @param input the run's input, any JSON (null when absent); must satisfy the workflow's input schema
	 * @param version which version runs: a number, {@code latest} or null for the latest; pinned now
	 * @param threadId the conversation, for thread-scoped memories of agent steps
	 * @param userId the end user, for user-scoped memories of agent steps
	 * @param priority within the tenant, higher first (default 0)
	 */
	record RunRequest(@Nullable JsonNode input, @Nullable @Pattern(regexp = "[0-9]{1,9}|latest") String version,
			@Nullable @Size(min = 1, max = 200) String threadId, @Nullable @Size(min = 1, max = 200) String userId,
			@Nullable @Min(-100) @Max(100) Integer priority) {
	}

	@PostMapping("/{id}/runs")
	@Requires(value = "workflow:execute", perResource = true)
	ResponseEntity<RunView> create(@PathVariable("id") String path, @Valid @RequestBody RunRequest body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
			@AuthenticationPrincipal RampartPrincipal principal) {
		UUID id = ResourceIds.uuid(path, "workflow");
		RunRequests.checkKey(key);
		WorkflowVersion workflow = workflows.resolve(principal.tenant(), id, body.version())
			.orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND, body.version() == null
					? "No workflow with this id in this tenant."
					: "No workflow with this id in this tenant, or it has no version '" + body.version() + "'."));
		access.require("workflow:execute", workflow.owner(), workflow.tags());
		JsonNode input = body.input() == null ? NullNode.getInstance() : body.input();
		JsonNode schema = workflow.definition().inputSchema();
		if (schema != null) {
			List<FieldProblem> problems = schemas.compile(schema).violations(input);
			if (!problems.isEmpty()) {
				throw new InvalidFieldsException(problems.stream()
					.map(p -> new FieldProblem("input" + (p.field().equals("(root)") ? "" : "." + p.field()), p.message()))
					.toList());
			}
		}
		JdbcRuns.Enqueued enqueued = runs.enqueue(new JdbcRuns.NewRun(principal.tenant(), "workflow", id,
				workflow.version(), input, body.threadId(), body.userId(), body.priority() == null ? 0 : body.priority(),
				(principal.isUser() ? "user:" : "api-key:") + principal.subject(), key, hash(id, body)));
		return RunRequests.answer(enqueued);
	}

	/** What makes two requests "the same" for an idempotency key: the workflow and every field of the body as sent. */
	private String hash(UUID workflow, RunRequest body) {
		return RunRequests.hash(json, "workflow", workflow, body);
	}
}
