package dev.rampart.executions.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rampart.agents.AgentVersion;
import dev.rampart.agents.Agents;
import dev.rampart.executions.internal.JdbcRuns;
import dev.rampart.executions.internal.JdbcThreads;
import dev.rampart.executions.internal.StoredRun;
import dev.rampart.executions.internal.StoredThread;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.ResourceAccess;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import dev.rampart.shared.ResourceIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * {@code /api/v1/threads}: conversations with an agent (docs/runs.md, "Threads"). Each message is an agent run on the
 * thread, so it is durable, cancellable and listed with the other runs; its run gets the thread's earlier turns. Reading
 * needs {@code thread:read}; creating, deleting and sending a message need {@code thread:write} and, checked on the
 * thread's agent, {@code agent:execute}. A message to a busy thread follows the thread's policy: {@code reject} answers
 * {@code 409 THREAD_BUSY}, {@code enqueue} queues it behind the thread's earlier runs, {@code interrupt} cancels them first.
 */
@RestController
@RequestMapping("/api/v1/threads")
class ThreadsController {

	private final JdbcThreads threads;
	private final JdbcRuns runs;
	private final Agents agents;
	private final ResourceAccess access;
	private final JsonMapper json;

	ThreadsController(JdbcThreads threads, JdbcRuns runs, Agents agents, ResourceAccess access, JsonMapper json) {
		this.threads = threads;
		this.runs = runs;
		this.agents = agents;
		this.access = access;
		this.json = json;
	}

	/**
	 * @param title a name for people, or null
	 * @param userId the end user the thread is for (user-scoped memories), or null
	 * @param busyPolicy {@code reject}, {@code enqueue} (default) or {@code interrupt}
	 */
	record ThreadRequest(@NotNull UUID agentId, @Nullable @Size(min = 1, max = 200) String title,
			@Nullable @Size(min = 1, max = 200) String userId,
			@Nullable @Pattern(regexp = "reject|enqueue|interrupt") String busyPolicy) {
	}

	/** A thread as the API shows it. */
	record ThreadView(UUID id, UUID agentId, @Nullable String title, @Nullable String userId, String busyPolicy,
			Instant createdAt, Instant updatedAt) {

		static ThreadView of(StoredThread thread) {
			return new ThreadView(thread.id(), thread.agentId(), thread.title(), thread.userId(), thread.busyPolicy(),
					thread.createdAt(), thread.updatedAt());
		}
	}

	@PostMapping
	@Requires(value = "thread:write", perResource = true)
	ResponseEntity<ThreadView> create(@Valid @RequestBody ThreadRequest body,
			@AuthenticationPrincipal RampartPrincipal principal) {
		runnable(principal, body.agentId());
		StoredThread thread = threads.create(principal.tenant(), body.agentId(), body.title(), body.userId(),
				body.busyPolicy() == null ? "enqueue" : body.busyPolicy(), by(principal));
		return ResponseEntity.created(URI.create("/api/v1/threads/" + thread.id())).body(ThreadView.of(thread));
	}

	/** Threads newest first, of one agent ({@code agent}) or all. */
	@GetMapping
	@Requires("thread:read")
	Page list(@RequestParam(name = "agent", required = false) @Nullable String agent,
			@RequestParam(name = "after", required = false) @Nullable String after,
			@RequestParam(name = "limit", defaultValue = "50") int limit,
			@AuthenticationPrincipal RampartPrincipal principal) {
		StoredThread.Page page = threads.page(principal.tenant(), uuid(agent, "agent"), uuid(after, "after"),
				limit(limit));
		return new Page(page.items().stream().map(ThreadView::of).toList(), page.next());
	}

	/** A page of threads; {@code next} goes in {@code after} for the following page, null on the last. */
	record Page(List<ThreadView> items, @Nullable UUID next) {
	}

	@GetMapping("/{id}")
	@Requires("thread:read")
	ThreadView get(@PathVariable String id, @AuthenticationPrincipal RampartPrincipal principal) {
		return ThreadView.of(threads.get(principal.tenant(), known(id)));
	}

	/** Deletes the thread; its runs stay. */
	@DeleteMapping("/{id}")
	@Requires("thread:write")
	ResponseEntity<Void> delete(@PathVariable String id, @AuthenticationPrincipal RampartPrincipal principal) {
		threads.delete(principal.tenant(), known(id));
		return ResponseEntity.noContent().build();
	}

	/** @param input the user's message */
	record MessageRequest(@NotBlank @Size(max = 32_000) String input) {
	}

	/**
	 * A message: {@code 202} with its run (an agent run of the thread's agent, latest version, with the thread's id and
	 * user). An {@code Idempotency-Key} works as for agent runs: the same key and message answer {@code 200} with the run
	 * it created.
	 */
	@PostMapping("/{id}/messages")
	@Requires(value = "thread:write", perResource = true)
	ResponseEntity<RunView> send(@PathVariable("id") String path, @Valid @RequestBody MessageRequest body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
			@AuthenticationPrincipal RampartPrincipal principal) {
		UUID id = known(path);
		RunRequests.checkKey(key);
		StoredThread thread = threads.get(principal.tenant(), id);
		AgentVersion agent = runnable(principal, thread.agentId());
		if (thread.busyPolicy().equals("interrupt")) {
			for (UUID active : threads.activeRuns(principal.tenant(), id)) {
				try {
					runs.cancel(principal.tenant(), active);
				}
				catch (RampartException ended) {
					if (ended.code() != ErrorCode.RUN_FINISHED) {
						throw ended;
					}
				}
			}
		}
		JdbcRuns.Enqueued enqueued = runs.enqueue(new JdbcRuns.NewRun(principal.tenant(), "agent", thread.agentId(),
				agent.version(), StringNode.valueOf(body.input()), id.toString(), thread.userId(), 0, by(principal), key,
				hash(id, body)), () -> threads.admitMessage(principal.tenant(), id));
		return RunRequests.answer(enqueued);
	}

	/**
	 * One message of a thread: what was asked and, once its run ended, what the agent answered.
	 *
	 * @param runId the message's run ({@code GET /api/v1/runs/{id}} has its steps and events)
	 */
	record MessageView(UUID runId, String status, JsonNode input, @Nullable JsonNode output, Instant createdAt, @Nullable Instant endedAt) {

		static MessageView of(StoredRun run) {
			return new MessageView(run.id(), run.status(), run.input(), run.output(), run.createdAt(), run.endedAt());
		}
	}

	/** A page of messages, oldest first; {@code next} goes in {@code after} for the following page, null on the last. */
	record Messages(List<MessageView> items, @Nullable UUID next) {
	}

	/** The conversation in order. */
	@GetMapping("/{id}/messages")
	@Requires("thread:read")
	Messages messages(@PathVariable String id, @RequestParam(name = "after", required = false) @Nullable String after,
			@RequestParam(name = "limit", defaultValue = "100") int limit,
			@AuthenticationPrincipal RampartPrincipal principal) {
		int size = limit(limit);
		List<StoredRun> items = threads.messages(principal.tenant(), known(id), uuid(after, "after"), size + 1);
		return items.size() > size
				? new Messages(items.subList(0, size).stream().map(MessageView::of).toList(), items.get(size - 1).id())
				: new Messages(items.stream().map(MessageView::of).toList(), null);
	}

	/** The agent's latest version, when it exists and the caller may run it. */
	private AgentVersion runnable(RampartPrincipal principal, UUID agentId) {
		AgentVersion agent = agents.latest(principal.tenant(), agentId)
			.orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No agent with id '" + agentId
					+ "' in this tenant."));
		access.require("agent:execute", agent.owner(), agent.tags());
		return agent;
	}

	private static String by(RampartPrincipal principal) {
		return (principal.isUser() ? "user:" : "api-key:") + principal.subject();
	}

	private static int limit(int limit) {
		if (limit < 1 || limit > JdbcThreads.MAX_PAGE) {
			throw new InvalidFieldsException("limit", "must be 1 to " + JdbcThreads.MAX_PAGE);
		}
		return limit;
	}

	private static @Nullable UUID uuid(@Nullable String value, String field) {
		if (value == null) {
			return null;
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFieldsException(field, "must be an id");
		}
	}

	private static UUID known(String id) {
		return ResourceIds.uuid(id, "thread");
	}

	/** What makes two messages "the same" for an idempotency key: the thread and the body as sent. */
	private String hash(UUID thread, MessageRequest body) {
		return RunRequests.hash(json, "thread", thread, body);
	}
}
