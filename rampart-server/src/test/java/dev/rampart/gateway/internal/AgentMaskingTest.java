package dev.rampart.gateway.internal;

import java.util.Map;

import dev.rampart.gateway.MaskAction;
import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.MaskingPolicy;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent's own masking settings tighten its tenant's policy and never loosen it. */
class AgentMaskingTest {

	@Test
	void anAgentTightensWhatItsTenantMasksButCannotLoosenIt() {
		MaskingPolicy tenant = MaskingPolicy.defaults().with(MaskingCategory.PHONE, MaskAction.ALLOW);
		ModelCallContext agent = new ModelCallContext(TenantId.DEFAULT, "user:u", "sim", "sim-echo", "a", null, null,
				Map.of("email", "mask", "api-key", "allow", "phone", "partial", "card", "partial"));

		MaskingPolicy effective = MaskingModelInterceptor.masking(agent, tenant);

		assertThat(effective.actions()).containsEntry(MaskingCategory.EMAIL, MaskAction.MASK)
			.containsEntry(MaskingCategory.API_KEY, MaskAction.MASK)
			.containsEntry(MaskingCategory.PHONE, MaskAction.PARTIAL)
			.containsEntry(MaskingCategory.CARD, MaskAction.PARTIAL)
			.containsEntry(MaskingCategory.IBAN, tenant.actions().get(MaskingCategory.IBAN));
	}

	@Test
	void withoutAgentSettingsTheTenantsPolicyAppliesAsItIs() {
		MaskingPolicy tenant = MaskingPolicy.defaults();
		ModelCallContext playground = new ModelCallContext(TenantId.DEFAULT, "user:u", "sim", "sim-echo", null, null);

		assertThat(MaskingModelInterceptor.masking(playground, tenant)).isEqualTo(tenant);
	}
}
