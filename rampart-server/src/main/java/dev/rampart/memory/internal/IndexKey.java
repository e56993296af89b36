package dev.rampart.memory.internal;

import java.util.UUID;

import dev.rampart.shared.TenantId;

/** Which agent of which tenant an index belongs to; the unit of tiering and isolation. */
record IndexKey(TenantId tenant, UUID agent) {
}
