package dev.rampart.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.rampart.gateway.RateLimitProperties.Limit;
import dev.rampart.gateway.RateLimitProperties.Plan;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RateLimitPropertiesTest {

	private static RateLimitProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("rampart.gateway.rate-limits", RateLimitProperties.class);
	}

	@Test
	void withoutConfigurationEveryTenantIsOnTheBuiltInDefaultPlan() {
		RateLimitProperties limits = bind(Map.of());
		assertThat(limits.address()).isEqualTo(Limit.valueOf("1200/1m burst 300"));
		assertThat(limits.planOf("any-tenant")).isEqualTo(Plan.DEFAULT);
	}

	@Test
	void aTenantGetsItsAssignedPlanAndAPlanKeepsTheDefaultsItDoesNotName() {
		RateLimitProperties limits = bind(Map.of(
				"rampart.gateway.rate-limits.plans.pro.tenant", "20000/1m burst 4000",
				"rampart.gateway.rate-limits.tenant-plans.t1", "pro"));
		assertThat(limits.planOf("t1").tenant()).isEqualTo(Limit.valueOf("20000/1m burst 4000"));
		assertThat(limits.planOf("t1").runs()).isEqualTo(Plan.DEFAULT.runs());
		assertThat(limits.planOf("t2")).isEqualTo(Plan.DEFAULT);
	}

	@Test
	void aTenantOnAnUnknownPlanStopsTheStart() {
		assertThatThrownBy(() -> bind(Map.of("rampart.gateway.rate-limits.tenant-plans.t1", "gold")))
			.hasRootCauseMessage("tenant t1 is assigned the unknown rate-limit plan gold; known plans: [] and default");
	}
}
