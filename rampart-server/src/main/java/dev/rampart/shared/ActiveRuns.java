package dev.rampart.shared;

/**
 * How many runs of a tenant are queued or running right now, across the cluster. The run engine
 * provides it; the gateway compares it with the tenant's concurrency quota when a run is created.
 * Until a module provides one, no durable runs exist and the count is zero.
 */
public interface ActiveRuns {

	int activeRuns(TenantId tenant);
}
