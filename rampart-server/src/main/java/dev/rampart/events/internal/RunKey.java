package dev.rampart.events.internal;

import java.util.UUID;

import dev.rampart.shared.TenantId;

/** A run as live delivery keys it: with its tenant, so no signal ever crosses tenants. */
record RunKey(TenantId tenant, UUID run) {
}
