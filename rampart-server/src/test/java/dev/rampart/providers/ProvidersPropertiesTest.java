package dev.rampart.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

import dev.rampart.providers.ProvidersProperties.Price;
import dev.rampart.providers.ProvidersProperties.Resilience;
import dev.rampart.providers.ProvidersProperties.Sim;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

/** Model prices are checked at start-up: not negative, at most six decimals, both given. */
class ProvidersPropertiesTest {

	private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	@Test
	void aNegativeOrTooPrecisePriceIsRefusedAndAValidOneAccepted() {
		ProvidersProperties bad = new ProvidersProperties(new Sim(true, 0), Resilience.defaults(), Map.of("sim",
				Map.of("sim-echo", new Price(new BigDecimal("-1"), new BigDecimal("0.0000001")))));
		ProvidersProperties good = new ProvidersProperties(new Sim(true, 0), Resilience.defaults(), Map.of("sim",
				Map.of("sim-echo", new Price(new BigDecimal("2.5"), new BigDecimal("0.000001")))));

		Set<ConstraintViolation<ProvidersProperties>> violations = validator.validate(bad);

		assertThat(violations).extracting(violation -> violation.getPropertyPath().toString())
			.containsExactlyInAnyOrder("prices[sim].<map value>[sim-echo].input", "prices[sim].<map value>[sim-echo].output");
		assertThat(validator.validate(good)).isEmpty();
	}
}
