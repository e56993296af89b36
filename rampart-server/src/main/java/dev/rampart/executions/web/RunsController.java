package dev.rampart.executions.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.executions.internal.JdbcRuns;
import dev.rampart.executions.internal.RunReplays;
import dev.rampart.executions.internal.StoredRun;
import dev.rampart.executions.internal.WorkflowCheckpoints;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.ResourceAccess;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Requires;
import dev.rampart.shared.ResourceIds;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/runs}: list, read, steps, events, cancel, resume, retry and replay (docs/runs.md). Runs are the
 * tenant's: {@code run:read} sees them all, {@code run:cancel} stops them, {@code run:resume} answers a waiting run,
 * retries a failed workflow run from its failed step and replays an ended run.
 */
@RestController
@RequestMapping("/api/v1/runs")
class RunsController {

	private final JdbcRuns runs;
	private final WorkflowCheckpoints checkpoints;
	private final CurrentTenant tenant;
	private final ResourceAccess access;
	private final RunReplays replays;

	RunsController(JdbcRuns runs, WorkflowCheckpoints checkpoints, CurrentTenant tenant, ResourceAccess access,
			RunReplays replays) {
		this.replays = replays;
		this.runs = runs;
		this.checkpoints = checkpoints;
		this.tenant = tenant;
		this.access = access;
	}

	/**
	 * The run's id, after {@code permission} on it: its owner is whoever started it ({@code created_by} is
	 * {@code user:<id>} or {@code api-key:<id>}; a schedule's run has no user owner), so a custom role's
	 * {@code {"type": "owner"}} condition limits a grant to one's own runs. Another tenant's run is not found first.
	 */
	private UUID allowed(String permission, String id) {
		StoredRun run = runs.get(tenant.get(), ResourceIds.uuid(id, "run"));
		String by = run.createdBy();
		access.require(permission, by.substring(by.indexOf(':') + 1), Map.of());
		return run.id();
	}

	/** Runs newest first; {@code status} and {@code agent} filter, {@code after} is the previous page's {@code next}. */
	@GetMapping
	@Requires("run:read")
	Page list(@RequestParam(name = "status", required = false) @Nullable String status,
			@RequestParam(name = "agent", required = false) @Nullable String agent,
			@RequestParam(name = "after", required = false) @Nullable String after,
			@RequestParam(name = "limit", defaultValue = "50") int limit) {
		if (limit < 1 || limit > JdbcRuns.MAX_PAGE) {
			throw new InvalidFieldsException("limit", "must be 1 to " + JdbcRuns.MAX_PAGE);
		}
		if (status != null && !StoredRun.STATUSES.contains(status)) {
			throw new InvalidFieldsException("status", "must be one of " + String.join(", ", StoredRun.STATUSES));
		}
		StoredRun.Page page = runs.page(tenant.get(), status, uuid(agent, "agent"), uuid(after, "after"), limit);
		return new Page(page.items().stream().map(RunView::of).toList(), page.next());
	}

	/** A page of runs; {@code next} goes in {@code after} for the following page, null on the last. */
	record Page(List<RunView> items, @Nullable UUID next) {
	}

	@GetMapping("/{id}")
	@Requires(value = "run:read", perResource = true)
	RunView get(@PathVariable String id) {
		return RunView.of(runs.get(tenant.get(), allowed("run:read", id)));
	}

	/** The run's steps in order (model calls and tool calls of an agent run). */
	@GetMapping("/{id}/steps")
	@Requires(value = "run:read", perResource = true)
	Steps steps(@PathVariable String id) {
		return new Steps(runs.steps(tenant.get(), allowed("run:read", id)));
	}

	record Steps(List<StoredRun.Step> items) {
	}

	/** The run's events after {@code after} (a seq; 0 for all), in order; poll again with the last seq for more. */
	@GetMapping("/{id}/events")
	@Requires(value = "run:read", perResource = true)
	Events events(@PathVariable String id, @RequestParam(name = "after", defaultValue = "0") long after,
			@RequestParam(name = "limit", defaultValue = "500") int limit) {
		if (limit < 1 || limit > JdbcRuns.MAX_EVENTS) {
			throw new InvalidFieldsException("limit", "must be 1 to " + JdbcRuns.MAX_EVENTS);
		}
		if (after < 0) {
			throw new InvalidFieldsException("after", "must be 0 or a seq of this run's events");
		}
		return new Events(runs.events(tenant.get(), allowed("run:read", id), after, limit));
	}

	record Events(List<StoredRun.Event> items) {
	}

	/**
	 * Cancels the run: a queued or waiting run at once ({@code 200}, status {@code cancelled}); a running one stops at its
	 * next model call ({@code 202}, {@code cancelRequested: true}; poll the run). {@code 409 RUN_FINISHED} once it ended.
	 */
	@PostMapping("/{id}/cancel")
	@Requires(value = "run:cancel", perResource = true)
	ResponseEntity<RunView> cancel(@PathVariable String id) {
		StoredRun run = runs.cancel(tenant.get(), allowed("run:cancel", id));
		return ResponseEntity.status(run.status().equals("cancelled") ? HttpStatus.OK : HttpStatus.ACCEPTED)
			.body(RunView.of(run));
	}

	/**
	 * The answer to the step a waiting workflow run waits on.
	 *
	 * @param approved for an approval step: true goes on, false takes its {@code onReject} path (or fails the run)
	 * @param input for a wait step: the input it waits for (checked against its {@code inputSchema})
	 */
	record Answer(@Nullable Boolean approved, @Nullable JsonNode input) {
	}

	/**
	 * Resumes a waiting workflow run with an answer ({@code 202}, the run queued again); {@code 409 RUN_NOT_WAITING} when
	 * it does not wait. An agent run waiting for tool approvals takes {@code approved} for all the tools it waits for.
	 */
	@PostMapping("/{id}/resume")
	@Requires(value = "run:resume", perResource = true)
	ResponseEntity<RunView> resume(@PathVariable String id, @Valid @RequestBody Answer answer) {
		StoredRun run = checkpoints.resume(tenant.get(), allowed("run:resume", id), answer.approved(), answer.input(), runs);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(RunView.of(run));
	}

	/**
	 * Retries a failed workflow run from its failed step, keeping the outputs of the completed steps ({@code 202});
	 * {@code 409 RUN_NOT_RETRIABLE} for other runs.
	 */
	@PostMapping("/{id}/retry")
	@Requires(value = "run:resume", perResource = true)
	ResponseEntity<RunView> retry(@PathVariable String id) {
		StoredRun run = checkpoints.retry(tenant.get(), allowed("run:resume", id), runs);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(RunView.of(run));
	}

	/**
	 * Replays an ended run ({@code 202} with the new run, {@code replayOf} naming the original): the workers execute it
	 * answering every model call, tool call and workflow tool step from the original's record, so no provider is called
	 * and no tool runs; {@code REPLAY_DIVERGED} fails it where it asks for something the record lacks.
	 * {@code 409 RUN_NOT_ENDED} for a run that has not ended.
	 */
	@PostMapping("/{id}/replay")
	@Requires(value = "run:resume", perResource = true)
	ResponseEntity<RunView> replay(@PathVariable String id, @AuthenticationPrincipal RampartPrincipal principal) {
		StoredRun run = replays.replay(tenant.get(), allowed("run:resume", id),
				(principal.isUser() ? "user:" : "api-key:") + principal.subject());
		return RunRequests.answer(new JdbcRuns.Enqueued(run, true));
	}

	private static @Nullable UUID uuid(@Nullable String text, String field) {
		if (text == null) {
			return null;
		}
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFieldsException(field, "must be an id");
		}
	}
}
