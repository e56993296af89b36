package dev.rampart.executions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the cron scheduler (docs/runs.md, "Schedules"), checked at start-up: every node ticks, and the schedule
 * rows' locks make each tick fire once across the cluster, so the only tuning is how often a node looks.
 *
 * @param enabled whether this node fires schedules at all (false: it still serves the API)
 * @param tick how often this node looks for due schedules; a schedule fires at most this late
 * @param batch how many due schedules one tick fires at most (the rest wait for the next tick)
 */
@ConfigurationProperties("rampart.schedules")
public record SchedulesProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration tick,
		@DefaultValue("200") int batch) {

	public SchedulesProperties {
		if (!tick.isPositive() || batch < 1) {
			throw new IllegalArgumentException("rampart.schedules: tick must be > 0 and batch >= 1");
		}
	}
}
