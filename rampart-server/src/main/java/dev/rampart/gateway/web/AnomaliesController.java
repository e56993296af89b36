package dev.rampart.gateway.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.rampart.gateway.Anomalies;
import dev.rampart.gateway.Anomaly;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/anomalies}: what threat detection raised in the caller's tenant (and, for platform
 * admins, for unauthenticated sources), newest first, and clearing one, which lifts the tightened
 * limits of its principal at once.
 */
@RestController
@RequestMapping("/api/v1/anomalies")
class AnomaliesController {

	private final Anomalies anomalies;

	AnomaliesController(Anomalies anomalies) {
		this.anomalies = anomalies;
	}

	record ClearRequest(@Size(max = 500) @Nullable String reason) {
	}

	@GetMapping
	@Requires("anomaly:read")
	Anomalies.Page list(@AuthenticationPrincipal RampartPrincipal principal,
			@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String before,
			@RequestParam(required = false) @Nullable String limit) {
		List<FieldProblem> problems = new ArrayList<>();
		Anomaly.Status wanted = null;
		if (status != null && !status.isEmpty()) {
			try {
				wanted = Anomaly.Status.valueOf(status.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem("status", "must be open or cleared"));
			}
		}
		UUID cursor = null;
		if (before != null && !before.isEmpty()) {
			try {
				cursor = UUID.fromString(before);
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem("before", "must be the id of an anomaly (the next value of the previous page)"));
			}
		}
		int size = Anomalies.DEFAULT_LIMIT;
		if (limit != null && !limit.isEmpty()) {
			try {
				size = Integer.parseInt(limit);
			}
			catch (NumberFormatException ex) {
				size = 0;
			}
			if (size < 1 || size > Anomalies.MAX_LIMIT) {
				problems.add(new FieldProblem("limit", "must be a whole number from 1 to " + Anomalies.MAX_LIMIT));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		return anomalies.page(principal, wanted, cursor, size);
	}

	@GetMapping("/{id}")
	@Requires("anomaly:read")
	Anomaly get(@AuthenticationPrincipal RampartPrincipal principal, @PathVariable String id) {
		return anomalies.find(principal, id(id)).orElseThrow(() -> notFound(id));
	}

	@PostMapping("/{id}/clear")
	@Requires("anomaly:clear")
	Anomaly clear(@AuthenticationPrincipal RampartPrincipal principal, @PathVariable String id,
			@Valid @RequestBody(required = false) @Nullable ClearRequest request) {
		String reason = request == null || request.reason() == null || request.reason().isBlank() ? null
				: request.reason().strip();
		return anomalies.clear(principal, id(id), reason).orElseThrow(() -> notFound(id));
	}

	private static UUID id(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw notFound(id);
		}
	}

	private static RampartException notFound(String id) {
		String safe = id.length() > 40 ? id.substring(0, 40) + "..." : id.replaceAll("[^A-Za-z0-9-]", "?");
		return new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No anomaly with id '" + safe + "' in this tenant.");
	}
}
