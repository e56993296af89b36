package dev.rampart.executions;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the run engine (docs/runs.md), checked once at start-up so a lease that a heartbeat cannot keep alive is
 * refused before any run is claimed.
 *
 * @param workers how many runs this node executes at once (each on its own virtual thread); 0 makes the node enqueue
 *     and answer, but execute nothing
 * @param tenantConcurrency how many runs of one tenant run at once across the cluster, whatever the free workers
 * @param lease how long a claim holds a run without a heartbeat; after it any node may take the run over
 * @param heartbeat how often a node extends the leases of the runs it executes (less than {@code lease})
 * @param pollInterval how often an idle node looks for lapsed leases and runs it was not told about
 * @param nodeId the name leases carry; empty: host name, process id and a random suffix
 * @param memoryPressure when the node admits fewer runs because its heap stays full
 */
@ConfigurationProperties("rampart.runs")
@Validated
public record RunsProperties(@DefaultValue("16") int workers, @DefaultValue("8") int tenantConcurrency,
		@DefaultValue("30s") Duration lease, @DefaultValue("10s") Duration heartbeat,
		@DefaultValue("1s") Duration pollInterval, @Nullable String nodeId,
		@DefaultValue @Valid MemoryPressure memoryPressure) {

	public RunsProperties {
		if (workers < 0 || tenantConcurrency < 1) {
			throw new IllegalArgumentException("rampart.runs: workers must be >= 0 and tenant-concurrency >= 1");
		}
		if (!heartbeat.isPositive() || heartbeat.compareTo(lease) >= 0 || !pollInterval.isPositive()) {
			throw new IllegalArgumentException("rampart.runs: heartbeat and poll-interval must be > 0, heartbeat < lease");
		}
	}

	/**
	 * {@code rampart.runs.memory-pressure.*} (docs/runs.md, "Memory pressure"): the guidelines' "System Memory Low:
	 * gracefully reduce concurrent agent executions". While the heap's occupancy stays at or above {@code high} for
	 * {@code sustain} samples, the runs this node admits are halved per sample down to {@code minimum}; below {@code low}
	 * they double per sample back to {@code workers}. Queued runs wait; none is dropped or failed.
	 *
	 * @param enabled whether the node samples its heap and throttles at all
	 * @param high the occupancy (0–1 of the heap's maximum) at and above which a sample counts as high
	 * @param low the occupancy below which the limit recovers; between {@code low} and {@code high} it holds
	 * @param sampleInterval how often the heap is sampled
	 * @param sustain how many high samples in a row start throttling (each further high sample halves again)
	 * @param minimum the fewest runs the node keeps admitting under pressure
	 */
	public record MemoryPressure(@DefaultValue("true") boolean enabled,
			@DefaultValue("0.85") @DecimalMin("0.05") @DecimalMax("1.0") double high,
			@DefaultValue("0.70") @DecimalMin("0.0") @DecimalMax("0.99") double low,
			@DefaultValue("5s") @DurationMin(millis = 10) @DurationMax(minutes = 10) Duration sampleInterval,
			@DefaultValue("3") @Min(1) @Max(1000) int sustain, @DefaultValue("1") @Min(1) int minimum) {

		public MemoryPressure {
			if (!(low < high)) {
				throw new IllegalArgumentException("rampart.runs.memory-pressure: low (" + low + ") must be below high ("
						+ high + ")");
			}
		}
	}
}
