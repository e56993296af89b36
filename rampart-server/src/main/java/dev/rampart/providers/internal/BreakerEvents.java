package dev.rampart.providers.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderBreakerChanged;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Makes every breaker transition an audit event ({@code provider.breaker_open|half_open|closed}, in the provider's
 * tenant; a built-in provider's in the installation's default tenant, where platform administrators are) and a
 * {@link ProviderBreakerChanged} application event. Never fails the call whose outcome moved the breaker: a failure
 * to record is logged.
 */
@Component
class BreakerEvents {

	private static final Logger log = LoggerFactory.getLogger(BreakerEvents.class);

	private final AuditLog audit;
	private final TenantTransactions transactions;
	private final ApplicationEventPublisher events;

	BreakerEvents(AuditLog audit, TenantTransactions transactions, ApplicationEventPublisher events) {
		this.audit = audit;
		this.transactions = transactions;
		this.events = events;
	}

	void changed(Provider provider, String model, ProviderBreakerChanged change) {
		try {
			TenantId tenant = provider.tenant() != null ? provider.tenant() : TenantId.DEFAULT;
			Map<String, @Nullable Object> details = new LinkedHashMap<>();
			details.put("model", model);
			details.put("from", change.from());
			details.put("to", change.to());
			details.put("builtIn", provider.builtIn());
			Duration retryIn = change.retryIn();
			details.put("retryInSeconds", retryIn == null ? null : retryIn.toSeconds());
			transactions.inTenant(tenant, () -> audit.record(new AuditEntry(tenant, "system", null,
					"provider.breaker_" + change.to().toLowerCase(Locale.ROOT), "provider", provider.id(),
					AuditEntry.SUCCEEDED, details)));
		}
		catch (RuntimeException ex) {
			log.error("Could not audit the breaker transition of provider '{}', model '{}' to {}", provider.id(), model,
					change.to(), ex);
		}
		try {
			events.publishEvent(change);
		}
		catch (RuntimeException ex) {
			log.error("A listener failed on the breaker transition of provider '{}', model '{}'", provider.id(), model, ex);
		}
	}
}
