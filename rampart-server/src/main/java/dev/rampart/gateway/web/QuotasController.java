package dev.rampart.gateway.web;

import dev.rampart.gateway.TenantQuotas;
import dev.rampart.gateway.TenantQuotas.Status;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.Requires;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's tenant's plan quotas and what is left of them. */
@RestController
@RequestMapping("/api/v1/quotas")
class QuotasController {

	private final TenantQuotas quotas;
	private final CurrentTenant tenant;

	QuotasController(TenantQuotas quotas, CurrentTenant tenant) {
		this.quotas = quotas;
		this.tenant = tenant;
	}

	@GetMapping
	@Requires("usage:read")
	QuotaView quotas() {
		Status status = quotas.status(tenant.get());
		return new QuotaView(status.plan(), status.enforced(),
				new TokenQuota(status.tokens().rate(), status.tokens().period().toSeconds(), status.tokens().burst(),
						status.tokensRemaining(), status.tokensAvailableIn().toSeconds()),
				new ConcurrencyQuota(status.concurrentRuns(), status.inFlight()));
	}

	record QuotaView(String plan, boolean enforced, TokenQuota tokens, ConcurrencyQuota concurrentRuns) {
	}

	record TokenQuota(long budget, long periodSeconds, long burst, long remaining, long availableInSeconds) {
	}

	record ConcurrencyQuota(int limit, int inFlight) {
	}
}
