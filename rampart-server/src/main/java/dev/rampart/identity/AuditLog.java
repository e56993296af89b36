package dev.rampart.identity;

import java.util.List;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * The append-only, per-tenant, hash-chained audit log. {@link #record} joins the caller's
 * transaction, so a change and its audit entry commit or roll back together; secrets in
 * {@code details} are masked before anything is stored or hashed.
 */
public interface AuditLog {

	/** Appends {@code entry} to its tenant's chain and returns it as stored. */
	AuditEvent record(AuditEntry entry);

	/** {@code audit:read}: events matching {@code query}, newest first. */
	Page page(TenantId tenant, AuditQuery query);

	/** {@code audit:read}: walks the tenant's chain from seq 1 and reports the first broken link. */
	ChainVerification verify(TenantId tenant);

	/** One page of events; {@code next} is the {@code before} cursor of the following page, null on the last. */
	record Page(List<AuditEvent> items, @Nullable Long next) {
	}
}
