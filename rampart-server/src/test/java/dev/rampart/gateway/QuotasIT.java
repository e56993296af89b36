package dev.rampart.gateway;

import static dev.rampart.gateway.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.shared.Requires;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The "denial of wallet" quotas over HTTP: run creation is refused once the tenant's token budget is spent. */
@ServerTest
@Import(QuotasIT.StandInRuns.class)
class QuotasIT {

	private static final String PASSWORD = "amber-quarry-willow-31";

	@LocalServerPort
	int port;

	private final TenantQuotas quotas;

	@Autowired
	QuotasIT(TenantQuotas quotas) {
		this.quotas = quotas;
	}

	@Test
	void aSpentTokenBudgetRefusesRunCreationUntilItRefillsAndOnlyForThatTenant() {
		HttpProbe spender = owner("spender");
		HttpProbe neighbour = owner("neighbour");
		TenantId tenant = TenantId.of(spender.get("/api/v1/users/me").json().path("tenant").path("id").asString());

		JsonNode before = spender.get("/api/v1/quotas").json();
		assertThat(before.path("plan").asString()).isEqualTo("default");
		assertThat(before.path("enforced").asBoolean()).isTrue();
		assertThat(before.path("tokens").path("budget").asLong()).isEqualTo(2_000_000);
		assertThat(before.path("tokens").path("remaining").asLong()).isEqualTo(2_000_000);
		assertThat(before.path("concurrentRuns").path("limit").asInt()).isEqualTo(20);

		assertThat(spender.post("/api/v1/stand-in-agents/a1/runs", "application/json", "{}").status()).isEqualTo(202);
		quotas.charge(tenant, 2_100_000);

		Reply refused = spender.post("/api/v1/stand-in-agents/a1/runs", "application/json", "{}");
		assertProblem(refused, 429, "QUOTA_EXCEEDED");
		assertThat(refused.json().path("estimatedRecoveryTime").asLong()).isPositive();
		assertThat(refused.json().path("canRetry").asBoolean()).isTrue();
		assertThat(StandInRuns.CREATED).hasValue(1);

		JsonNode after = spender.get("/api/v1/quotas").json().path("tokens");
		// the budget refills continuously (2,000,000 an hour, about 556 a second): the debt shrinks while the test runs
		assertThat(after.path("remaining").asLong()).isBetween(-100_000L, -90_000L);
		assertThat(after.path("availableInSeconds").asLong()).isPositive();

		assertThat(neighbour.post("/api/v1/stand-in-agents/a1/runs", "application/json", "{}").status()).isEqualTo(202);
		assertThat(StandInRuns.CREATED).hasValue(2);
	}

	private HttpProbe owner(String name) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		return HttpProbe.ownerOfNewTenant(port, name + "-" + suffix, name + "-" + suffix + "@example.org", PASSWORD);
	}

	@RestController
	@RequestMapping("/api/v1/stand-in-agents")
	static class StandInRuns {

		static final AtomicInteger CREATED = new AtomicInteger();

		@PostMapping("/{id}/runs")
		@Requires("run:create")
		ResponseEntity<Map<String, String>> create(@PathVariable String id) {
			CREATED.incrementAndGet();
			return ResponseEntity.accepted().body(Map.of("agent", id));
		}
	}
}
