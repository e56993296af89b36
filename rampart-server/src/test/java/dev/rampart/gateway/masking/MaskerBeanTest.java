package dev.rampart.gateway.masking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.ServerTest;
import dev.rampart.gateway.Masker;
import dev.rampart.gateway.MaskingPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ServerTest
class MaskerBeanTest {

	@Autowired
	Masker masker;

	@Test
	void aNodeExposesTheMasker() {
		assertThat(masker.mask("key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXyZ0", MaskingPolicy.defaults()))
				.isEqualTo("key [redacted:api-key]");
	}
}
