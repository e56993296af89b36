package dev.rampart.providers.web;

import java.util.Map;

import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.providers.internal.cache.ResponseCache;
import dev.rampart.providers.internal.cache.ResponseCache.Stats;
import dev.rampart.providers.internal.cache.ResponseCache.TierStats;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.Requires;
import dev.rampart.shared.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/providers/cache}: the caller's tenant's response cache. {@code GET} shows its hits and misses per
 * tier on this node and what it holds; {@code DELETE} empties it in every tier (audited as
 * {@code response_cache.invalidated} with the count removed). Only the caller's own tenant is ever shown or touched.
 */
@RestController
@RequestMapping("/api/v1/providers/cache")
class ResponseCacheController {

	private final ResponseCache cache;
	private final CurrentTenant tenant;
	private final AuditLog audit;

	ResponseCacheController(ResponseCache cache, CurrentTenant tenant, AuditLog audit) {
		this.cache = cache;
		this.tenant = tenant;
		this.audit = audit;
	}

	/** @param removed memory entries on this node and PostgreSQL rows removed (Redis keys are not counted) */
	record Removed(long removed) {
	}

	/**
	 * @param entries the tenant's entries in the tier, null where unknown
	 * @param bytes their size as JSON, null where unknown
	 */
	record TierView(boolean active, long hits, long misses, long errors, @Nullable Double hitRatio,
			@Nullable Long entries, @Nullable Long bytes, long ttlSeconds) {

		static TierView of(TierStats tier) {
			return new TierView(tier.active(), tier.hits(), tier.misses(), tier.errors(), tier.hitRatio(), tier.entries(),
					tier.bytes(), tier.ttl().toSeconds());
		}
	}

	record StatsView(boolean enabled, TierView l1, TierView l2, TierView l3) {

		static StatsView of(Stats stats) {
			return new StatsView(stats.enabled(), TierView.of(stats.l1()), TierView.of(stats.l2()), TierView.of(stats.l3()));
		}
	}

	@GetMapping
	@Requires("provider:read")
	StatsView stats() {
		return StatsView.of(cache.stats(tenant.get()));
	}

	@DeleteMapping
	@Requires("provider:write")
	Removed invalidate(@AuthenticationPrincipal RampartPrincipal principal, HttpServletRequest request) {
		TenantId current = tenant.get();
		long removed = cache.invalidate(current);
		audit.record(new AuditEntry(current, principal.subject(), request.getRemoteAddr(), "response_cache.invalidated",
				"response_cache", current.toString(), AuditEntry.SUCCEEDED, Map.of("removed", removed)));
		return new Removed(removed);
	}
}
