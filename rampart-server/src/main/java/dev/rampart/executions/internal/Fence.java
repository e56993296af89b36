package dev.rampart.executions.internal;

import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * What a worker holds after claiming a run: every write of the run's state names this token, and a write whose token is
 * no longer the run's (another claim took the run over after the lease lapsed) changes nothing and throws
 * {@link StaleFenceException}.
 */
public record Fence(TenantId tenant, UUID runId, long token) {
}
