package dev.rampart.identity.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.AuditQuery;
import dev.rampart.identity.ChainVerification;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.Requires;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/audit-events}: the current tenant's audit log, newest first, and the verification
 * of its hash chain. Will require {@code audit:read} once RBAC exists.
 */
@RestController
@RequestMapping("/api/v1/audit-events")
class AuditEventsController {

	private static final int MAX_FILTER_LENGTH = 200;

	private final AuditLog audit;
	private final CurrentTenant tenant;

	AuditEventsController(AuditLog audit, CurrentTenant tenant) {
		this.audit = audit;
		this.tenant = tenant;
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record VerificationView(boolean intact, long checked, @Nullable Long firstBrokenSeq, @Nullable String problem) {

		static VerificationView of(ChainVerification v) {
			return new VerificationView(v.intact(), v.checked(), v.firstBrokenSeq(), v.problem());
		}
	}

	@GetMapping
	@Requires("audit:read")
	AuditLog.Page list(@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String actor, @RequestParam(required = false) @Nullable String targetType,
			@RequestParam(required = false) @Nullable String targetId, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String before,
			@RequestParam(required = false) @Nullable String limit) {
		List<FieldProblem> problems = new ArrayList<>();
		Instant fromTime = instant("from", from, problems);
		Instant toTime = instant("to", to, problems);
		if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
			problems.add(new FieldProblem("to", "must be after from"));
		}
		Long beforeSeq = number("before", before, 1, Long.MAX_VALUE, problems);
		Long size = number("limit", limit, 1, AuditQuery.MAX_LIMIT, problems);
		AuditQuery query = new AuditQuery(text("action", action, problems), text("actor", actor, problems),
				text("targetType", targetType, problems), text("targetId", targetId, problems), fromTime, toTime, beforeSeq,
				size == null ? AuditQuery.DEFAULT_LIMIT : size.intValue());
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		return audit.page(tenant.get(), query);
	}

	@GetMapping("/verify")
	@Requires("audit:read")
	VerificationView verify() {
		return VerificationView.of(audit.verify(tenant.get()));
	}

	private static @Nullable String text(String field, @Nullable String value, List<FieldProblem> problems) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (value.length() > MAX_FILTER_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
			problems.add(new FieldProblem(field, "must be at most " + MAX_FILTER_LENGTH + " characters without control characters"));
			return null;
		}
		return value;
	}

	private static @Nullable Instant instant(String field, @Nullable String value, List<FieldProblem> problems) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem(field, "must be an ISO-8601 time with offset, such as 2026-11-24T10:15:30Z"));
			return null;
		}
	}

	private static @Nullable Long number(String field, @Nullable String value, long min, long max, List<FieldProblem> problems) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			long parsed = Long.parseLong(value);
			if (parsed >= min && parsed <= max) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		problems.add(new FieldProblem(field, "must be a whole number from " + min + " to " + max));
		return null;
	}
}
