package dev.rampart.secrets;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.ServerTest;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Personal data as #4 will store it: the e-mail encrypted, found again through its blind index. */
@ServerTest
class BlindIndexIT {

	@Autowired
	BlindIndex index;

	@Autowired
	EnvelopeEncryption encryption;

	JdbcClient jdbc;

	/** What is stored, seen past row-level security. */
	@Autowired
	void owner(DataSource dataSource) {
		jdbc = DatabaseOwner.jdbc(dataSource);
	}

	@Test
	void aUserIsFoundByEmailWhileTheEmailIsStoredOnlyEncrypted() {
		jdbc.sql("create table people (id uuid primary key, email bytea not null, email_index bytea not null unique)").update();
		TenantId tenant = TenantId.PLATFORM;
		UUID id = UUID.randomUUID();
		String email = "Ada.Lovelace@Example.org";
		jdbc.sql("insert into people values (:id, :email, :index)")
			.param("id", id)
			.param("email", encryption.encrypt(KeyPurpose.PERSONAL_DATA, EncryptionContext.of(tenant, "people", "email", id),
					email.getBytes(StandardCharsets.UTF_8)))
			.param("index", index.digest("people.email", BlindIndex.normalizeEmail(email)))
			.update();

		UUID found = jdbc.sql("select id from people where email_index = :index")
			.param("index", index.digest("people.email", BlindIndex.normalizeEmail("  ada.lovelace@example.ORG ")))
			.query(UUID.class)
			.single();

		assertThat(found).isEqualTo(id);
		byte[] stored = jdbc.sql("select email from people where id = :id").param("id", id).query(byte[].class).single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContainIgnoringCase("lovelace");
		assertThat(new String(encryption.decrypt(EncryptionContext.of(tenant, "people", "email", id), stored),
				StandardCharsets.UTF_8)).isEqualTo(email);
	}

	@Test
	void digestsAreKeyedPerScopeAndStable() {
		byte[] first = index.digest("people.email", "a@example.org");

		assertThat(index.digest("people.email", "a@example.org")).isEqualTo(first).hasSize(32);
		assertThat(index.digest("other.scope", "a@example.org")).isNotEqualTo(first);
		assertThat(index.digest("people.email", "b@example.org")).isNotEqualTo(first);
	}
}
