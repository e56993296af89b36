package dev.rampart.secrets.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import dev.rampart.secrets.BlindIndex;
import dev.rampart.secrets.CredentialReferences;
import dev.rampart.secrets.CredentialVerifier;
import dev.rampart.secrets.EnvelopeEncryption;
import dev.rampart.secrets.KeyEncryptionService;
import dev.rampart.secrets.SecretSource;
import dev.rampart.secrets.SecretsProperties;
import dev.rampart.shared.RampartProperties;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.startup.StartupProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires the secrets module: the KEK backend, data keys, envelope encryption, the secret manager and blind indexes. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SecretsConfiguration {

	@Bean
	@ConditionalOnProperty(name = "rampart.secrets.kek.backend", havingValue = "keyring", matchIfMissing = true)
	@DependsOnDatabaseInitialization
	LocalKeyring localKeyring(SecretsProperties properties, RampartProperties rampart, JdbcClient jdbc,
			TenantTransactions transactions, Clock clock) {
		SecretsProperties.Kek kek = properties.kek();
		Path path = isSet(kek.keyringPath()) ? kek.keyringPath() : rampart.dataDir().resolve("keyring.json");
		return KeyringGuard.open(path, masterKey(kek), jdbc, transactions, clock);
	}

	@Bean
	@DependsOnDatabaseInitialization
	DataKeys dataKeys(JdbcClient jdbc, KeyEncryptionService kek, SecretsProperties properties, Clock clock,
			PlatformTransactionManager transactions) {
		return new DataKeys(jdbc, kek, properties.dataKey(), clock, transactions);
	}

	@Bean
	EnvelopeEncryption envelopeEncryption(DataKeys dataKeys) {
		return new DataKeyEnvelopes(dataKeys);
	}

	@Bean
	@ConditionalOnProperty(name = "rampart.secrets.store", havingValue = "database", matchIfMissing = true)
	SecretSource databaseSecretSource(JdbcClient jdbc, EnvelopeEncryption encryption, Clock clock) {
		return new DatabaseSecretSource(jdbc, encryption, clock);
	}

	@Bean
	CachingSecretManager secretManager(SecretSource store, SecretsProperties properties, Clock clock) {
		return new CachingSecretManager(store, properties.cacheTtl(), clock, System::getenv);
	}

	@Bean
	BlindIndex blindIndex(JdbcClient jdbc, EnvelopeEncryption encryption, Clock clock, PlatformTransactionManager transactions) {
		return new HmacBlindIndex(jdbc, encryption, clock, transactions);
	}

	@Bean
	JdbcCredentials credentials(JdbcClient jdbc, EnvelopeEncryption encryption, List<CredentialVerifier> verifiers, Clock clock,
			ApplicationEventPublisher events, TenantTransactions transactions,
			ObjectProvider<CredentialReferences> references) {
		return new JdbcCredentials(jdbc, encryption, verifiers, clock, events, transactions,
				references);
	}

	@Bean
	RewrapJobs rewrapJobs(DataSource dataSource, JdbcClient jdbc, TenantTransactions transactions, KeyEncryptionService kek,
			SecretsProperties properties, Clock clock) {
		return new RewrapJobs(dataSource, jdbc, transactions, kek, properties.rewrap().batchSize(), clock);
	}

	@Bean
	KeyRotation keyRotation(KeyEncryptionService kek, RewrapJobs jobs, DataKeys dataKeys, CachingSecretManager secrets,
			JdbcClient jdbc, TenantTransactions transactions, ApplicationEventPublisher events) {
		return new KeyRotation(kek, jobs, dataKeys, secrets, jdbc, transactions, events);
	}

	private static @Nullable String masterKey(SecretsProperties.Kek kek) {
		if (isSet(kek.masterKey())) {
			return kek.masterKey();
		}
		if (!isSet(kek.masterKeyFile())) {
			return null;
		}
		try {
			return Files.readString(kek.masterKeyFile()).strip();
		}
		catch (IOException ex) {
			throw new StartupProblem("The master key file " + kek.masterKeyFile() + " cannot be read.",
					"Check RAMPART_MASTER_KEY_FILE and the file's permissions.", ex);
		}
	}

	private static boolean isSet(@Nullable Object value) {
		return value != null && !value.toString().isBlank();
	}
}
