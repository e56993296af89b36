package dev.rampart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ScreeningPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Enable.class);

	@Test
	void theDefaultsAreNamed() {
		runner.run(context -> assertThat(context.getBean(ScreeningProperties.class))
			.isEqualTo(new ScreeningProperties(true, 0.5, 16, true)));
	}

	@Test
	void aThresholdOutsideZeroToOneOrAWindowCountBelowOneStopsTheStart() {
		runner.withPropertyValues("rampart.gateway.screening.threshold=0").run(context -> assertThat(context).hasFailed());
		runner.withPropertyValues("rampart.gateway.screening.threshold=1.5").run(context -> assertThat(context).hasFailed());
		runner.withPropertyValues("rampart.gateway.screening.max-windows=0").run(context -> assertThat(context).hasFailed());
		runner.withPropertyValues("rampart.gateway.screening.threshold=0.7").run(context -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ScreeningProperties.class)
	static class Enable {
	}
}
