package dev.rampart.gateway;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.identity.RampartPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * The anomalies threat detection raised, for review. A principal sees its own tenant's; a platform
 * admin also sees the platform's (unauthenticated sources, stored under {@code TenantId.PLATFORM}).
 */
public interface Anomalies {

	int MAX_LIMIT = 200;
	int DEFAULT_LIMIT = 50;

	/** {@code anomaly:read}: newest first; {@code before} is the id the page starts after; null status = any. */
	Page page(RampartPrincipal principal, Anomaly.@Nullable Status status, @Nullable UUID before, int limit);

	/** {@code anomaly:read}. */
	Optional<Anomaly> find(RampartPrincipal principal, UUID id);

	/**
	 * {@code anomaly:clear}: marks the anomaly cleared, lifts the principal's tightened limits at once
	 * and audits it. Empty when there is no such anomaly for the principal; clearing twice keeps the first clearing.
	 */
	Optional<Anomaly> clear(RampartPrincipal principal, UUID id, @Nullable String reason);

	/** One page; {@code next} is the {@code before} of the following page, null on the last. */
	record Page(List<Anomaly> items, @Nullable UUID next) {
	}
}
