package dev.rampart.executions.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.rampart.executions.internal.CronSchedule;
import dev.rampart.executions.internal.JdbcSchedules;
import dev.rampart.executions.internal.StoredSchedule;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.ETags;
import dev.rampart.shared.IfMatch;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.Requires;
import dev.rampart.shared.ResourceIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
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
import tools.jackson.databind.node.NullNode;

/**
 * {@code /api/v1/schedules}: cron schedules that start agent or workflow runs (docs/runs.md, "Schedules"). Reading needs
 * {@code schedule:read}; creating and replacing need {@code schedule:write} and the right to run the target; deleting
 * {@code schedule:write}. A replace honours {@code If-Match}.
 */
@RestController
@RequestMapping("/api/v1/schedules")
class SchedulesController {

	private final JdbcSchedules schedules;
	private final CurrentTenant tenant;

	SchedulesController(JdbcSchedules schedules, CurrentTenant tenant) {
		this.schedules = schedules;
		this.tenant = tenant;
	}

	/**
	 * @param cron 5 fields ({@code minute hour day month weekday}), 6 (seconds first) or a macro such as {@code @daily}
	 * @param timezone where the cron is read, default UTC
	 * @param input what each run gets: the input text of an agent, any JSON for a workflow
	 * @param enabled default true
	 */
	record ScheduleRequest(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 200) String cron,
			@Nullable @Size(min = 1, max = 64) String timezone, @NotNull @Valid TargetRequest target,
			@Nullable JsonNode input, @Nullable Boolean enabled) {
	}

	/** Exactly one of {@code agentId} and {@code workflowId}; {@code version} a number or an alias, null for the latest. */
	record TargetRequest(@Nullable UUID agentId, @Nullable UUID workflowId,
			@Nullable @Pattern(regexp = "[0-9]{1,9}|[a-z][a-z0-9-]{0,39}") String version) {
	}

	@PostMapping
	@Requires("schedule:write")
	ResponseEntity<ScheduleView> create(@Valid @RequestBody ScheduleRequest body) {
		StoredSchedule created = schedules.create(tenant.get(), draft(body));
		return ResponseEntity.created(URI.create("/api/v1/schedules/" + created.id())).eTag(ScheduleView.etag(created))
			.body(ScheduleView.of(created));
	}

	/** Schedules in creation order. */
	@GetMapping
	@Requires("schedule:read")
	Page list(@RequestParam(name = "after", required = false) @Nullable String after,
			@RequestParam(name = "limit", defaultValue = "50") int limit) {
		if (limit < 1 || limit > JdbcSchedules.MAX_PAGE) {
			throw new InvalidFieldsException("limit", "must be 1 to " + JdbcSchedules.MAX_PAGE);
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
		StoredSchedule.Page page = schedules.page(tenant.get(), cursor, limit);
		return new Page(page.items().stream().map(ScheduleView::of).toList(), page.next());
	}

	/** A page of schedules; {@code next} goes in {@code after} for the following page, null on the last. */
	record Page(List<ScheduleView> items, @Nullable UUID next) {
	}

	@GetMapping("/{id}")
	@Requires("schedule:read")
	ResponseEntity<ScheduleView> get(@PathVariable String id) {
		StoredSchedule schedule = schedules.get(tenant.get(), known(id));
		return ResponseEntity.ok().eTag(ScheduleView.etag(schedule)).body(ScheduleView.of(schedule));
	}

	/**
	 * Replaces the whole schedule; the next tick is computed from now. A stale {@code If-Match} overwrites with a
	 * {@code Warning} (412 with {@code Prefer: strict-concurrency}).
	 */
	@PutMapping("/{id}")
	@Requires("schedule:write")
	ResponseEntity<ScheduleView> replace(@PathVariable String id, @Valid @RequestBody ScheduleRequest body,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
			@RequestHeader(name = "Prefer", required = false) @Nullable String prefer) {
		UUID known = known(id);
		IfMatch version = ETags.ifMatch(ifMatch, prefer, "GET /api/v1/schedules/{id}");
		StoredSchedule schedule = schedules.replace(tenant.get(), known, draft(body), version);
		return ResponseEntity.ok().eTag(ScheduleView.etag(schedule)).body(ScheduleView.of(schedule));
	}

	/** Deletes the schedule; the runs it started stay. */
	@DeleteMapping("/{id}")
	@Requires("schedule:write")
	ResponseEntity<Void> delete(@PathVariable String id) {
		schedules.delete(tenant.get(), known(id));
		return ResponseEntity.noContent().build();
	}

	private static UUID known(String id) {
		return ResourceIds.uuid(id, "schedule");
	}

	private static JdbcSchedules.Draft draft(ScheduleRequest body) {
		List<FieldProblem> problems = new ArrayList<>();
		String cronProblem = CronSchedule.cronProblem(body.cron());
		if (cronProblem != null) {
			problems.add(new FieldProblem("cron", cronProblem));
		}
		String timezone = body.timezone() == null ? "UTC" : body.timezone();
		String zoneProblem = CronSchedule.zoneProblem(timezone);
		if (zoneProblem != null) {
			problems.add(new FieldProblem("timezone", zoneProblem));
		}
		TargetRequest target = body.target();
		if ((target.agentId() == null) == (target.workflowId() == null)) {
			problems.add(new FieldProblem("target", "needs exactly one of agentId and workflowId"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		boolean agent = target.agentId() != null;
		UUID targetId = agent ? target.agentId() : target.workflowId();
		return new JdbcSchedules.Draft(body.name().strip(), body.cron().strip(), timezone, agent ? "agent" : "workflow",
				Objects.requireNonNull(targetId), target.version(),
				body.input() == null ? NullNode.getInstance() : body.input(), body.enabled() == null || body.enabled());
	}
}
