package dev.rampart.secrets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.ServerTest;
import dev.rampart.secrets.Credentials.NewCredential;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * One story in its own context (it retires KEK versions, which other tests must not inherit):
 * rotate, rewrap in several batches, retire.
 */
@ServerTest
@TestPropertySource(properties = "rampart.secrets.rewrap.batch-size=7")
class KeyRotationIT {

	@Autowired
	KeyAdministration keys;

	@Autowired
	KeyEncryptionService kek;

	@Autowired
	Credentials credentials;

	@Autowired
	SecretManager secrets;

	JdbcClient jdbc;

	/** What is stored, seen past row-level security. */
	@Autowired
	void owner(DataSource dataSource) {
		jdbc = DatabaseOwner.jdbc(dataSource);
	}

	@Test
	void rotationThenRewrapKeepsEverySecretReadableUnderTheNewVersionAndRetiringRefusesTheOldOne() {
		List<UUID> stored = new ArrayList<>();
		for (int t = 0; t < 30; t++) {
			TenantId tenant = new TenantId(UUID.randomUUID());
			stored.add(create(tenant, new NewCredential("key-" + t, "sim", null, SecretValue.of("sk-secret-" + t)))
				.id());
			credentialTenants.add(tenant);
		}
		secrets.putSecret("platform/jwt/key-1", SecretValue.of("signing-key-material-0001"));
		int before = kek.status().currentVersion();
		String oldWrapped = jdbc.sql("select wrapped_key from data_keys order by id limit 1").query(String.class).single();

		KeyAdministration.Rotation rotation = keys.rotate();

		assertThat(rotation.currentVersion()).isEqualTo(before + 1);
		assertThat(rotation.rewrap()).isNotNull();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> keys.job(rotation.rewrap().id()).orElseThrow().status().equals("succeeded"));
		KeyAdministration.RewrapJob job = keys.job(rotation.rewrap().id()).orElseThrow();
		assertThat(job.done()).isEqualTo(job.total()).isGreaterThanOrEqualTo(31);
		assertThat(keys.overview().dataKeysBehindCurrent()).isZero();
		assertThat(jdbc.sql("select distinct kek_version from data_keys").query(Integer.class).list())
			.containsExactly(before + 1);
		for (int t = 0; t < stored.size(); t++) {
			try (SecretValue secret = use(credentialTenants.get(t), stored.get(t)).orElseThrow()) {
				assertThat(secret.reveal()).isEqualTo("sk-secret-" + t);
			}
		}
		try (SecretValue secret = secrets.getSecret("platform/jwt/key-1")) {
			assertThat(secret.reveal()).isEqualTo("signing-key-material-0001");
		}

		keys.retire(before + 1, false);

		assertThatThrownBy(() -> kek.unwrap(WrappedKey.parse(oldWrapped)))
			.isInstanceOfSatisfying(RampartException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_VERSION_RETIRED));
		try (SecretValue secret = use(credentialTenants.get(0), stored.get(0)).orElseThrow()) {
			assertThat(secret.reveal()).isEqualTo("sk-secret-0");
		}

		// A rotation whose rewrap has not run yet: retiring the version still in use is refused unless forced.
		int newest = kek.rotate();
		assertThatThrownBy(() -> keys.retire(newest, false))
			.isInstanceOfSatisfying(RampartException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_VERSION_IN_USE));
		try (SecretValue secret = use(credentialTenants.get(1), stored.get(1)).orElseThrow()) {
			assertThat(secret.reveal()).isEqualTo("sk-secret-1");
		}

		keys.retire(newest, true);

		assertThatThrownBy(() -> use(credentialTenants.get(1), stored.get(1)))
			.isInstanceOfSatisfying(RampartException.class, e -> {
				assertThat(e.code()).isEqualTo(ErrorCode.KEY_VERSION_RETIRED);
				assertThat(e.technicalDetails()).contains("below the minimum decryption version " + newest);
			});
		// New writes for the same tenant still work: a fresh data key generation replaces the retired one.
		UUID fresh = create(credentialTenants.get(1), new NewCredential("after-retirement", "sim", null,
				SecretValue.of("sk-after-retirement"))).id();
		try (SecretValue secret = use(credentialTenants.get(1), fresh).orElseThrow()) {
			assertThat(secret.reveal()).isEqualTo("sk-after-retirement");
		}
	}

	private final List<TenantId> credentialTenants = new ArrayList<>();

	/** Credentials are used in their tenant, as a run of that tenant would. */
	private Optional<SecretValue> use(TenantId tenant, UUID id) {
		return TenantScope.call(tenant, () -> credentials.use(tenant, id));
	}

	private Credential create(TenantId tenant, NewCredential credential) {
		return TenantScope.call(tenant, () -> credentials.create(tenant, credential));
	}
}
