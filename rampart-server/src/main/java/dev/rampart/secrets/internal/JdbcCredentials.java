package dev.rampart.secrets.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.rampart.secrets.Credential;
import dev.rampart.secrets.CredentialCheck;
import dev.rampart.secrets.CredentialCreated;
import dev.rampart.secrets.CredentialDeleted;
import dev.rampart.secrets.CredentialReferences;
import dev.rampart.secrets.CredentialUpdated;
import dev.rampart.secrets.CredentialVerifier;
import dev.rampart.secrets.Credentials;
import dev.rampart.secrets.EncryptionContext;
import dev.rampart.secrets.EnvelopeEncryption;
import dev.rampart.secrets.KeyPurpose;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Credentials} in the {@code credentials} table. The secret column holds an envelope
 * ciphertext bound to tenant, table, column and credential id; the hint column holds what
 * {@link SecretValue#hint()} allows.
 */
class JdbcCredentials implements Credentials {

	private static final String COLUMNS = """
			id, name, provider, description, secret_hint, created_at, updated_at, last_tested_at, last_test_status""";

	private final JdbcClient jdbc;
	private final EnvelopeEncryption encryption;
	private final List<CredentialVerifier> verifiers;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final TenantTransactions transactions;
	private final ObjectProvider<CredentialReferences> references;

	JdbcCredentials(JdbcClient jdbc, EnvelopeEncryption encryption, List<CredentialVerifier> verifiers, Clock clock,
			ApplicationEventPublisher events, TenantTransactions transactions,
			ObjectProvider<CredentialReferences> references) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.verifiers = List.copyOf(verifiers);
		this.clock = clock;
		this.events = events;
		this.transactions = transactions;
		this.references = references;
	}

	@Override
	@Transactional
	public Credential create(TenantId tenant, NewCredential credential) {
		requireKnown(credential.provider());
		UUID id = UuidV7.next(clock);
		Timestamp now = Timestamp.from(clock.instant());
		try {
			jdbc.sql("""
					insert into credentials (id, tenant_id, name, provider, description, secret, secret_hint, created_at, updated_at)
					values (:id, :tenant, :name, :provider, :description, :secret, :hint, :now, :now)""")
				.param("id", id)
				.param("tenant", tenant.value())
				.param("name", credential.name())
				.param("provider", credential.provider())
				.param("description", credential.description())
				.param("secret", encryption.encrypt(KeyPurpose.CREDENTIALS, context(tenant, id), credential.secret()))
				.param("hint", credential.secret().hint())
				.param("now", now)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw nameTaken(credential.name());
		}
		Credential created = find(tenant, id).orElseThrow();
		events.publishEvent(new CredentialCreated(tenant, created));
		return created;
	}

	@Override
	@Transactional(readOnly = true)
	public List<Credential> list(TenantId tenant) {
		return jdbc.sql("select " + COLUMNS + " from credentials where tenant_id = :tenant order by name")
			.param("tenant", tenant.value())
			.query(JdbcCredentials::credential)
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Credential> find(TenantId tenant, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from credentials where tenant_id = :tenant and id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(JdbcCredentials::credential)
			.optional();
	}

	@Override
	@Transactional
	public Optional<Credential> update(TenantId tenant, UUID id, CredentialChanges changes) {
		SecretValue secret = changes.secret();
		Optional<Credential> before = find(tenant, id);
		if (before.isEmpty()) {
			return Optional.empty();
		}
		try {
			int updated = jdbc.sql("""
					update credentials set
						name = coalesce(:name::text, name),
						description = coalesce(:description::text, description),
						secret = coalesce(:secret::bytea, secret),
						secret_hint = coalesce(:hint::text, secret_hint),
						last_tested_at = case when :secret::bytea is null then last_tested_at end,
						last_test_status = case when :secret::bytea is null then last_test_status end,
						updated_at = :now
					where tenant_id = :tenant and id = :id""")
				.param("name", changes.name())
				.param("description", changes.description())
				.param("secret", secret == null ? null : encryption.encrypt(KeyPurpose.CREDENTIALS, context(tenant, id), secret))
				.param("hint", secret == null ? null : secret.hint())
				.param("now", Timestamp.from(clock.instant()))
				.param("tenant", tenant.value())
				.param("id", id)
				.update();
			if (updated == 0) {
				return Optional.empty();
			}
			Credential after = find(tenant, id).orElseThrow();
			events.publishEvent(new CredentialUpdated(tenant, before.get(), after, changedFields(before.get(), changes)));
			return Optional.of(after);
		}
		catch (DuplicateKeyException ex) {
			throw nameTaken(String.valueOf(changes.name()));
		}
	}

	@Override
	@Transactional
	public boolean delete(TenantId tenant, UUID id) {
		Optional<Credential> deleted = find(tenant, id);
		if (deleted.isPresent()) {
			List<String> users = references.orderedStream()
				.flatMap(reference -> reference.referencesTo(tenant, id).stream())
				.toList();
			if (!users.isEmpty()) {
				throw new RampartException(ErrorCode.CREDENTIAL_IN_USE, "Credential '" + deleted.get().name()
						+ "' is used by: " + String.join(", ", users) + ".");
			}
		}
		boolean found = deleted.isPresent() && jdbc.sql("delete from credentials where tenant_id = :tenant and id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.update() > 0;
		if (found) {
			events.publishEvent(new CredentialDeleted(tenant, deleted.get()));
		}
		return found;
	}

	@Override
	public Optional<CredentialCheck> test(TenantId tenant, UUID id) {
		Optional<Credential> credential = transactions.bound(() -> find(tenant, id));
		if (credential.isEmpty()) {
			return Optional.empty();
		}
		CredentialCheck check;
		try (SecretValue secret = transactions.bound(() -> use(tenant, id)).orElseThrow()) {
			Instant now = clock.instant();
			check = verifiers.stream()
				.filter(verifier -> verifier.providers().contains(credential.get().provider()))
				.findFirst()
				.map(verifier -> verifier.verify(credential.get().provider(), secret))
				.map(verdict -> new CredentialCheck(verdict.status(), verdict.message(), now))
				.orElseGet(() -> new CredentialCheck(CredentialCheck.Status.UNSUPPORTED,
						"Rampart cannot check credentials of provider '" + credential.get().provider() + "'.", now));
		}
		transactions.bound(() -> jdbc
			.sql("update credentials set last_tested_at = :at, last_test_status = :status where tenant_id = :tenant and id = :id")
			.param("at", Timestamp.from(check.checkedAt()))
			.param("status", check.status().name())
			.param("tenant", tenant.value())
			.param("id", id)
			.update());
		return Optional.of(check);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<SecretValue> use(TenantId tenant, UUID id) {
		return jdbc.sql("select secret from credentials where tenant_id = :tenant and id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(byte[].class)
			.optional()
			.map(ciphertext -> encryption.decryptSecret(context(tenant, id), ciphertext));
	}

	/** Provider ids credentials may be created for. */
	Set<String> knownProviders() {
		Set<String> known = new TreeSet<>();
		verifiers.forEach(verifier -> known.addAll(verifier.providers()));
		return known;
	}

	private void requireKnown(String provider) {
		Set<String> known = knownProviders();
		if (!known.contains(provider)) {
			throw new InvalidFieldsException("provider", "unknown provider '" + provider + "'; known providers: "
					+ String.join(", ", known));
		}
	}

	private static Set<String> changedFields(Credential before, CredentialChanges changes) {
		Set<String> changed = new TreeSet<>();
		if (changes.name() != null && !changes.name().equals(before.name())) {
			changed.add("name");
		}
		if (changes.description() != null && !Objects.equals(changes.description(), before.description())) {
			changed.add("description");
		}
		if (changes.secret() != null) {
			changed.add("secret");
		}
		return changed;
	}

	private static RampartException nameTaken(String name) {
		return new RampartException(ErrorCode.CREDENTIAL_NAME_TAKEN, "A credential named '" + name + "' already exists in this tenant.");
	}

	private static EncryptionContext context(TenantId tenant, UUID id) {
		return EncryptionContext.of(tenant, "credentials", "secret", id);
	}

	private static Credential credential(ResultSet rs, int row) throws SQLException {
		String status = rs.getString("last_test_status");
		return new Credential(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("provider"),
				rs.getString("description"), rs.getString("secret_hint"), instant(rs, "created_at"), instant(rs, "updated_at"),
				rs.getTimestamp("last_tested_at") == null ? null : instant(rs, "last_tested_at"),
				status == null ? null : CredentialCheck.Status.valueOf(status));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}
}
