package dev.rampart.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.tools.ExternalToolsHealth;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * One tenant's broken integration is reported in the counts and leaves {@code external_tools} UP; failures across most
 * tenants that use external tools (at least two) point at the platform and turn it DEGRADED.
 */
class ExternalToolsHealthIndicatorTest {

	@Test
	void oneTenantWhoseServersAllFailLeavesTheComponentUpWithTheCounts() {
		Health health = health(new ExternalToolsHealth.State(5, 3, 0, null, 0, 3, 1, 0, 0));

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("mcpFailing", 3).containsEntry("tenantsWithFailingServers", 1)
			.containsEntry("tenantsWithServers", 3);
	}

	@Test
	void theOnlyTenantWithServersFailingIsStillItsOwnProblem() {
		assertThat(health(new ExternalToolsHealth.State(2, 2, 0, null, 0, 1, 1, 0, 0)).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void serversOfMostTenantsFailingDegradeTheComponent() {
		Health health = health(new ExternalToolsHealth.State(6, 4, 1, null, 0, 3, 2, 0, 0));

		assertThat(health.getStatus()).isEqualTo(HealthChecker.DEGRADED);
		assertThat(health.getDetails()).containsEntry("reason", "MCP servers of most tenants fail");
	}

	@Test
	void halfTheTenantsFailingIsNotMost() {
		assertThat(health(new ExternalToolsHealth.State(8, 2, 0, null, 0, 4, 2, 0, 0)).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void breakersOpenForOneTenantStayUpAndForMostTenantsDegrade() {
		assertThat(health(new ExternalToolsHealth.State(0, 0, 0, null, 4, 0, 0, 5, 1)).getStatus()).isEqualTo(Status.UP);

		Health most = health(new ExternalToolsHealth.State(0, 0, 0, null, 6, 0, 0, 4, 3));
		assertThat(most.getStatus()).isEqualTo(HealthChecker.DEGRADED);
		assertThat(most.getDetails()).containsEntry("reason", "tool breakers of most tenants are open")
			.containsEntry("tenantsWithOpenBreakers", 3);
	}

	private static Health health(ExternalToolsHealth.State state) {
		return new ExternalToolsHealthIndicator(() -> state).health();
	}
}
