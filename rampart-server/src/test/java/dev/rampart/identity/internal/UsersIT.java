package dev.rampart.identity.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.rampart.ServerTest;
import dev.rampart.identity.User;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users with encrypted personal data, found by e-mail through the blind index. */
@ServerTest
class UsersIT {

	private final JdbcUsers users;
	private final JdbcTenants tenants;
	private final JdbcClient jdbc;

	@Autowired
	UsersIT(JdbcUsers users, JdbcTenants tenants, JdbcClient jdbc) {
		this.users = users;
		this.tenants = tenants;
		this.jdbc = jdbc;
	}

	@Test
	void aUserIsFoundByAnyCasingOfTheEmailWhileEmailAndNameAreStoredEncrypted() {
		String local = "grace-" + UUID.randomUUID().toString().substring(0, 8);
		User created = users.create(local + "@Example.COM", "Grace Hopper", "$argon2id$placeholder", true, false);

		User found = users.findByEmail("  " + local.toUpperCase() + "@example.com ").orElseThrow().user();

		assertThat(found.id()).isEqualTo(created.id());
		assertThat(found.email()).isEqualTo(local + "@Example.COM");
		assertThat(found.name()).isEqualTo("Grace Hopper");
		assertThat(found.mustChangePassword()).isTrue();
		String row = jdbc.sql("select encode(email, 'escape') || encode(coalesce(name, ''::bytea), 'escape') from users where id = :id")
			.param("id", created.id()).query(String.class).single();
		assertThat(row).doesNotContainIgnoringCase(local).doesNotContain("Hopper");
		assertThat(found.toString()).doesNotContain(local).doesNotContain("Grace");
	}

	@Test
	void twoUsersCannotShareAnAddressWhateverItsCasing() {
		String email = "dup-" + UUID.randomUUID() + "@example.org";
		users.create(email, null, "h", false, false);

		assertThatThrownBy(() -> users.create(email.toUpperCase(), null, "h", false, false))
			.isInstanceOf(DuplicateKeyException.class);
	}

	@Test
	void aPasswordChangeInvalidatesEarlierTokensAndMembershipsCarryARolePerTenant() {
		User user = users.create("member-" + UUID.randomUUID() + "@example.org", null, "old", false, false);
		TenantId tenant = new TenantId(UUID.randomUUID());
		tenants.create(tenant, "tenant-" + tenant);

		users.addMembership(user.id(), tenant, "developer");
		users.changePassword(user.id(), "new", false);

		JdbcUsers.Stored stored = users.find(user.id()).orElseThrow();
		assertThat(stored.passwordHash()).isEqualTo("new");
		assertThat(stored.user().tokensValidAfter()).isAfterOrEqualTo(user.tokensValidAfter());
		assertThat(users.role(user.id(), tenant)).contains("developer");
		assertThat(users.role(user.id(), TenantId.PLATFORM)).isEmpty();
		assertThat(new String(jdbc.sql("select email_index from users where id = :id").param("id", user.id())
			.query(byte[].class).single(), StandardCharsets.ISO_8859_1)).doesNotContain("member-");
	}
}
