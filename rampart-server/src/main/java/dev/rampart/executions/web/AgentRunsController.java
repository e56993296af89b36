package dev.rampart.executions.web;

import java.util.UUID;

import dev.rampart.agents.AgentVersion;
import dev.rampart.agents.Agents;
import dev.rampart.executions.internal.JdbcRuns;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.ResourceAccess;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import dev.rampart.shared.ResourceIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * {@code POST /api/v1/agents/{id}/runs}: a durable agent run (docs/runs.md). Checked like the synchronous invoke
 * ({@code agent:execute} on the agent), the version resolved and pinned, then queued: {@code 202} with the run, whose
 * result {@code GET /api/v1/runs/{id}} shows. An {@code Idempotency-Key} makes retries safe: the same key with the same
 * request answers {@code 200} with the run it created; with a different request {@code 422 IDEMPOTENCY_KEY_REUSED}.
 */
@RestController
@RequestMapping("/api/v1/agents")
class AgentRunsController {

	private final Agents agents;
	private final ResourceAccess access;
	private final JdbcRuns runs;
	private final JsonMapper json;

	AgentRunsController(Agents agents, ResourceAccess access, JdbcRuns runs, JsonMapper json) {
		this.agents = agents;
		this.access = access;
		this.runs = runs;
		this.json = json;
	}

	/**
	 * @param input the user's message
	 * @param version which version runs: a number, an alias name ({@code prod}), or null for the latest; pinned now
	 * @param threadId the conversation, for thread-scoped memories
	 * @param userId the end user, for user-scoped memories
	 * @param priority within the tenant, higher first (default 0)
	 */
	record RunRequest(@NotBlank @Size(max = 32_000) String input,
			@Nullable @Pattern(regexp = "[0-9]{1,9}|[a-z][a-z0-9-]{0,39}") String version,
			@Nullable @Size(min = 1, max = 200) String threadId, @Nullable @Size(min = 1, max = 200) String userId,
			@Nullable @Min(-100) @Max(100) Integer priority) {
	}

	@PostMapping("/{id}/runs")
	@Requires(value = "agent:execute", perResource = true)
	ResponseEntity<RunView> create(@PathVariable("id") String path, @Valid @RequestBody RunRequest body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
			@AuthenticationPrincipal RampartPrincipal principal) {
		UUID id = ResourceIds.uuid(path, "agent");
		RunRequests.checkKey(key);
		AgentVersion agent = agents.resolve(principal.tenant(), id, body.version())
			.orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND, body.version() == null
					? "No agent with this id in this tenant."
					: "No agent with this id in this tenant, or it has no version or alias '" + body.version() + "'."));
		access.require("agent:execute", agent.owner(), agent.tags());
		JdbcRuns.Enqueued enqueued = runs.enqueue(new JdbcRuns.NewRun(principal.tenant(), "agent", id, agent.version(),
				StringNode.valueOf(body.input()), body.threadId(), body.userId(),
				body.priority() == null ? 0 : body.priority(),
				(principal.isUser() ? "user:" : "api-key:") + principal.subject(), key, hash(id, body)));
		return RunRequests.answer(enqueued);
	}

	/** What makes two requests "the same" for an idempotency key: the agent and every field of the body as sent. */
	private String hash(UUID agent, RunRequest body) {
		return RunRequests.hash(json, "agent", agent, body);
	}
}
