package dev.rampart.providers.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.rampart.providers.ModelUsage;
import dev.rampart.providers.ModelUsage.GroupBy;
import dev.rampart.providers.ModelUsage.Line;
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
 * {@code GET /api/v1/usage}: the caller's tenant's model calls between two UTC dates (both included), grouped
 * by day, agent, provider or model, with tokens, cost and number of calls.
 */
@RestController
@RequestMapping("/api/v1/usage")
class UsageController {

	static final int DEFAULT_DAYS = 30;
	static final int MAX_DAYS = 366;

	private final ModelUsage usage;
	private final CurrentTenant tenant;
	private final Clock clock;

	UsageController(ModelUsage usage, CurrentTenant tenant, Clock clock) {
		this.usage = usage;
		this.tenant = tenant;
		this.clock = clock;
	}

	/** @param costUsd the cost in US dollars with six decimals, as a string so no client rounds it */
	record Item(@Nullable String key, long inputTokens, long outputTokens, String costUsd, long calls) {
	}

	record Total(long inputTokens, long outputTokens, String costUsd, long calls) {
	}

	record Report(String from, String to, String groupBy, List<Item> items, Total total) {
	}

	@GetMapping
	@Requires("usage:read")
	Report report(@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String groupBy) {
		List<FieldProblem> errors = new ArrayList<>();
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		LocalDate end = date("to", to, today, errors);
		LocalDate start = date("from", from, end.minusDays(DEFAULT_DAYS - 1), errors);
		GroupBy grouping = GroupBy.DAY;
		if (groupBy != null) {
			try {
				grouping = GroupBy.valueOf(groupBy.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldProblem("groupBy", "must be one of day, agent, provider, model"));
			}
		}
		if (errors.isEmpty()) {
			long days = ChronoUnit.DAYS.between(start, end) + 1;
			if (days < 1) {
				errors.add(new FieldProblem("from", "must not be after to (" + end + ")"));
			}
			else if (days > MAX_DAYS) {
				errors.add(new FieldProblem("from", "the range covers " + days + " days; at most " + MAX_DAYS + " are allowed"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidFieldsException(errors);
		}
		List<Line> lines = usage.report(tenant.get(), start.atStartOfDay(ZoneOffset.UTC).toInstant(),
				end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), grouping);
		long input = 0;
		long output = 0;
		long cost = 0;
		long calls = 0;
		List<Item> items = new ArrayList<>(lines.size());
		for (Line line : lines) {
			items.add(new Item(line.key(), line.inputTokens(), line.outputTokens(), usd(line.costMicros()), line.calls()));
			input += line.inputTokens();
			output += line.outputTokens();
			cost += line.costMicros();
			calls += line.calls();
		}
		return new Report(start.toString(), end.toString(), grouping.name().toLowerCase(Locale.ROOT), items,
				new Total(input, output, usd(cost), calls));
	}

	static String usd(long micros) {
		return BigDecimal.valueOf(micros, 6).toPlainString();
	}

	private static LocalDate date(String field, @Nullable String text, LocalDate fallback, List<FieldProblem> errors) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldProblem(field, "must be an ISO date such as 2026-11-24"));
			return fallback;
		}
	}
}
