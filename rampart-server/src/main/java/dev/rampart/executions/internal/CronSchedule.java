package dev.rampart.executions.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/**
 * A schedule's cron expression in its time zone. Clients write the common 5-field form ({@code minute hour day month
 * weekday}) or Spring's 6-field form with seconds first, or a macro ({@code @hourly}, {@code @daily} ...); 5 fields get
 * second 0. Evaluated in the zone, so {@code 0 9 * * MON-FRI} in {@code Europe/Berlin} follows daylight saving time.
 */
public record CronSchedule(CronExpression expression, ZoneId zone) {

	/**
	 * The problem with a cron text, or null when it parses.
	 *
	 * @return a message safe to show
	 */
	public static @Nullable String cronProblem(String cron) {
		try {
			expression(cron);
			return null;
		}
		catch (IllegalArgumentException ex) {
			return "is not a cron expression of 5 fields (minute hour day month weekday), 6 (with seconds first) or a macro"
					+ " such as @daily: " + ex.getMessage();
		}
	}

	/** The problem with a time zone id, or null when it is one. */
	public static @Nullable String zoneProblem(String zone) {
		try {
			ZoneId.of(zone);
			return null;
		}
		catch (DateTimeException ex) {
			return "is not a time zone id such as UTC or Europe/Berlin";
		}
	}

	public static CronSchedule of(String cron, String zone) {
		return new CronSchedule(expression(cron), ZoneId.of(zone));
	}

	private static CronExpression expression(String cron) {
		String text = cron.strip();
		if (!text.startsWith("@") && text.split("\\s+").length == 5) {
			text = "0 " + text;
		}
		return CronExpression.parse(text);
	}

	/** The first tick strictly after {@code instant}; empty when the expression never matches again (such as 30 Feb). */
	public Optional<Instant> after(Instant instant) {
		ZonedDateTime next = expression.next(instant.atZone(zone));
		return Optional.ofNullable(next).map(ZonedDateTime::toInstant);
	}
}
