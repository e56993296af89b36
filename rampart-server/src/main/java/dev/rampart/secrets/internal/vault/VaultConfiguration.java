package dev.rampart.secrets.internal.vault;

import dev.rampart.secrets.KeyEncryptionService;
import dev.rampart.secrets.SecretSource;
import dev.rampart.secrets.SecretsProperties;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The Vault/OpenBao backends, present only when {@code rampart.secrets.kek.backend=vault} (the
 * transit {@link KeyEncryptionService}) or {@code rampart.secrets.store=vault} (the KV v2
 * {@link SecretSource}); values are compared ignoring case, like the keyring and database beans
 * they replace.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(VaultConfiguration.VaultSelected.class)
class VaultConfiguration {

	static final String KEK_BACKEND = "rampart.secrets.kek.backend";
	static final String STORE = "rampart.secrets.store";

	@Bean(destroyMethod = "close")
	VaultConnection vaultConnection(SecretsProperties properties) {
		return VaultConnection.open(properties.vault());
	}

	@Bean
	@ConditionalOnProperty(name = KEK_BACKEND, havingValue = "vault")
	KeyEncryptionService vaultTransitKeyEncryption(VaultConnection connection, SecretsProperties properties) {
		return new VaultTransitKeyEncryption(connection.calls(), properties.vault().transitMount(),
				properties.vault().transitKey());
	}

	@Bean
	@ConditionalOnProperty(name = STORE, havingValue = "vault")
	SecretSource vaultKvSecretSource(VaultConnection connection, SecretsProperties properties) {
		return new VaultKvSecretSource(connection.calls(), properties.vault().kvMount(), properties.vault().kvPrefix());
	}

	/** Either backend asks for Vault. */
	static final class VaultSelected extends AnyNestedCondition {

		VaultSelected() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = KEK_BACKEND, havingValue = "vault")
		static final class KeyEncryption {
		}

		@ConditionalOnProperty(name = STORE, havingValue = "vault")
		static final class Store {
		}
	}
}
