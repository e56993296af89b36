package dev.rampart.executions.events;

import java.time.Instant;
import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * A run stopped running, for now or for good: published after the journal's transaction that wrote the status
 * committed, so notifications (#9) can tell whoever started the run that it waits for a person or failed.
 *
 * @param status {@code waiting} (for a person: an approval or an input), {@code queued} (backing off),
 *     {@code succeeded}, {@code failed}, {@code cancelled} or {@code compensated}
 * @param principal who created the run, as the run stores it: {@code user:<id>}, {@code api-key:<id>},
 *     {@code schedule:<id>}
 * @param at when
 */
public record RunStatusChanged(TenantId tenant, UUID runId, String status, String principal, Instant at) {
}
