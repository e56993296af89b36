package dev.rampart.providers.internal.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the PostgreSQL tier's purge every {@code purge-interval}: expired rows go, and each tenant keeps its newest
 * {@code l3-max-rows-per-tenant}. Every node runs it; the deletes are idempotent, so concurrent runs only repeat work.
 * A failed run is logged and the next one tries again.
 */
@Component
@EnableScheduling
class ResponseCachePurge {

	private static final Logger log = LoggerFactory.getLogger(ResponseCachePurge.class);

	private final TieredResponseCache cache;

	ResponseCachePurge(TieredResponseCache cache) {
		this.cache = cache;
	}

	@Scheduled(initialDelayString = "${rampart.providers.cache.purge-interval:10m}",
			fixedDelayString = "${rampart.providers.cache.purge-interval:10m}")
	void purge() {
		try {
			DatabaseTier.Purged purged = cache.purge();
			if (purged.expired() + purged.beyondBound() > 0) {
				log.debug("Response cache purge: {} expired rows and {} rows beyond the per-tenant bound deleted",
						purged.expired(), purged.beyondBound());
			}
		}
		catch (RuntimeException ex) {
			log.warn("The response cache purge failed; the next run tries again ({})", ex.getClass().getSimpleName(), ex);
		}
	}
}
