package dev.rampart.gateway.threats;

import java.time.Instant;

import dev.rampart.shared.TenantId;

/** A window that ended: its level, tenant ({@link TenantId#PLATFORM} for unauthenticated sources), key and counts. */
record ClosedWindow(Level level, TenantId tenant, String key, Instant start, Instant end, WindowCounts counts) {
}
