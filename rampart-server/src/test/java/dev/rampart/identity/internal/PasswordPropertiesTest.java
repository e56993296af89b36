package dev.rampart.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.identity.PasswordProperties;
import dev.rampart.shared.startup.StartupProblem;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class PasswordPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PasswordPropertiesOnly.class);

	@Test
	void givenNoSettingsThenTheDefaultsAreOwaspsMinimumArgon2idConfiguration() {
		runner.run(context -> assertThat(context.getBean(PasswordProperties.class))
			.isEqualTo(new PasswordProperties(19456, 2, 1, 16, 32, 12, 128)));
	}

	@Test
	void givenTooLittleMemoryOrNoIterationsThenStartUpFails() {
		runner.withPropertyValues("rampart.identity.passwords.memory-kib=1024").run(context -> assertThat(context).hasFailed());
		runner.withPropertyValues("rampart.identity.passwords.iterations=0").run(context -> assertThat(context).hasFailed());
		runner.withPropertyValues("rampart.identity.passwords.min-length=4").run(context -> assertThat(context).hasFailed());
		runner.withPropertyValues("rampart.identity.passwords.max-length=10000").run(context -> assertThat(context).hasFailed());
	}

	@Test
	void givenAMinimumLengthAboveTheMaximumThenStartUpFailsSayingWhatToChange() {
		runner.withPropertyValues("rampart.identity.passwords.min-length=64", "rampart.identity.passwords.max-length=64")
			.run(context -> assertThat(context).hasNotFailed());
		runner.withPropertyValues("rampart.identity.passwords.min-length=64", "rampart.identity.passwords.max-length=63")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(StartupProblem.class)
				.hasMessageContaining("min-length 64 is greater than the max-length 63"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PasswordProperties.class)
	static class PasswordPropertiesOnly {
	}
}
