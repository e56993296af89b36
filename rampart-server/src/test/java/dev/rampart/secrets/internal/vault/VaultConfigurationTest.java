package dev.rampart.secrets.internal.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import dev.rampart.secrets.KeyEncryptionService;
import dev.rampart.secrets.SecretSource;
import dev.rampart.secrets.SecretsProperties;
import dev.rampart.shared.startup.StartupProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

class VaultConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SecretsPropertiesOnly.class, VaultConfiguration.class)
		.withInitializer(VaultConfigurationTest::loadApplicationYaml);

	private FakeVault vault;

	@BeforeEach
	void startVault() {
		vault = FakeVault.start("s.config-token");
	}

	@AfterEach
	void stopVault() {
		vault.close();
	}

	@Test
	void givenTheDefaultsThenNoVaultIsContactedAndNoVaultBeanExists() {
		runner.run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(VaultConnection.class);
			assertThat(context).doesNotHaveBean(KeyEncryptionService.class);
			assertThat(context).doesNotHaveBean(SecretSource.class);
		});
		assertThat(vault.requestCount()).isZero();
	}

	@Test
	void givenTheVaultKekWithoutAddressOrTokenThenStartupFailsNamingBothAndTheVariables() {
		runner.withPropertyValues("rampart.secrets.kek.backend=vault").run(context -> {
			assertThat(context).hasFailed();
			StartupProblem problem = startupProblem(context.getStartupFailure());
			assertThat(problem.getMessage()).isEqualTo("Vault is selected as a secrets backend but its address and token are not set.");
			assertThat(problem.action()).contains("RAMPART_VAULT_URI", "RAMPART_VAULT_TOKEN");
		});
	}

	@Test
	void givenTheVaultStoreWithAnAddressButNoTokenThenStartupFailsNamingTheToken() {
		runner.withPropertyValues("rampart.secrets.store=VAULT", "rampart.secrets.vault.uri=" + vault.uri()).run(context -> {
			assertThat(startupProblem(context.getStartupFailure())).hasMessageContaining("token is not set");
		});
	}

	@Test
	void givenAnAddressWithoutHostThenStartupFailsSayingSo() {
		runner.withPropertyValues("rampart.secrets.store=vault", "rampart.secrets.vault.uri=vault.internal",
				"rampart.secrets.vault.token=t").run(context -> {
			StartupProblem problem = startupProblem(context.getStartupFailure());
			assertThat(problem).hasMessageContaining("not a usable URL");
			assertThat(problem.action()).contains("RAMPART_VAULT_URI");
		});
	}

	@Test
	void givenTheVaultKekInAnyCaseThenOnlyTheTransitKeyEncryptionServiceIsCreated() {
		runner.withPropertyValues("rampart.secrets.kek.backend=Vault", "rampart.secrets.vault.uri=" + vault.uri(),
				"rampart.secrets.vault.token=" + vault.token(), "rampart.secrets.vault.transit-key=orders").run(context -> {
			assertThat(context).hasSingleBean(KeyEncryptionService.class).doesNotHaveBean(SecretSource.class);
			KeyEncryptionService kek = context.getBean(KeyEncryptionService.class);

			assertThat(kek.backend()).isEqualTo("vault-transit");
			assertThat(kek.status().currentVersion()).isEqualTo(1);
			assertThat(vault.keyVersions("orders")).isEqualTo(1);
		});
	}

	@Test
	void givenTheVaultStoreThenOnlyTheKvSecretSourceIsCreated() {
		runner.withPropertyValues("rampart.secrets.store=vault", "rampart.secrets.vault.uri=" + vault.uri(),
				"rampart.secrets.vault.token=" + vault.token()).run(context -> {
			assertThat(context).hasSingleBean(SecretSource.class).doesNotHaveBean(KeyEncryptionService.class);
			assertThat(context.getBean(SecretSource.class).name()).isEqualTo("vault-kv");
		});
	}

	@Test
	void givenApplicationYamlWithoutTheVariablesThenAddressAndTokenBindAsNotSet() {
		runner.run(context -> {
			SecretsProperties.Vault settings = context.getBean(SecretsProperties.class).vault();

			assertThat(settings.uri()).isNull();
			assertThat(settings.token()).isEmpty();
		});
	}

	@Test
	void givenRampartVaultVariablesThenApplicationYamlBindsThem() {
		runner.withInitializer(context -> environment(context, Map.of("RAMPART_VAULT_URI", vault.uri().toString(),
				"RAMPART_VAULT_TOKEN", vault.token()))).withPropertyValues("rampart.secrets.store=vault").run(context -> {
			SecretsProperties.Vault settings = context.getBean(SecretsProperties.class).vault();

			assertThat(settings.uri()).isEqualTo(vault.uri());
			assertThat(settings.token()).isEqualTo(vault.token());
			assertThat(context).hasSingleBean(SecretSource.class);
		});
	}

	@Test
	void givenTheRelaxedVariableNamesThenTheyWinOverApplicationYaml() {
		runner.withInitializer(context -> environment(context, Map.of("RAMPART_SECRETS_VAULT_URI", "https://vault.example.com:8200",
				"RAMPART_VAULT_URI", vault.uri().toString()))).run(context -> {
			assertThat(context.getBean(SecretsProperties.class).vault().uri())
				.isEqualTo(URI.create("https://vault.example.com:8200"));
		});
	}

	private static StartupProblem startupProblem(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof StartupProblem problem) {
				return problem;
			}
		}
		throw new AssertionError("start-up did not fail with a StartupProblem", failure);
	}

	private static void loadApplicationYaml(ConfigurableApplicationContext context) {
		try {
			new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
				.forEach(source -> context.getEnvironment().getPropertySources().addLast(source));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Environment variables as Boot sees them: ahead of application.yaml, with relaxed names. */
	private static void environment(ConfigurableApplicationContext context, Map<String, Object> variables) {
		context.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-env", variables));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SecretsProperties.class)
	static class SecretsPropertiesOnly {
	}
}
