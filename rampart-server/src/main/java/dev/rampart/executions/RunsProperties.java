package dev.rampart.executions;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
 */
@ConfigurationProperties("rampart.runs")
public record RunsProperties(@DefaultValue("16") int workers, @DefaultValue("8") int tenantConcurrency,
		@DefaultValue("30s") Duration lease, @DefaultValue("10s") Duration heartbeat,
		@DefaultValue("1s") Duration pollInterval, @Nullable String nodeId) {

	public RunsProperties {
		if (workers < 0 || tenantConcurrency < 1) {
			throw new IllegalArgumentException("rampart.runs: workers must be >= 0 and tenant-concurrency >= 1");
		}
		if (!heartbeat.isPositive() || heartbeat.compareTo(lease) >= 0 || !pollInterval.isPositive()) {
			throw new IllegalArgumentException("rampart.runs: heartbeat and poll-interval must be > 0, heartbeat < lease");
		}
	}
}
