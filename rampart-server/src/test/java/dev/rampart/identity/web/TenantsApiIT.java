package dev.rampart.identity.web;

import java.util.UUID;
import java.util.stream.Collectors;

import dev.rampart.HttpProbe.Reply;
import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.identity.AuditEvent;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.AuditQuery;
import dev.rampart.identity.Permission;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/tenants}: platform admins create and list tenants; a new owner must change the password first. */
@ServerTest
class TenantsApiIT {

	private static final String INITIAL = "handed-over-by-the-platform-77";
	private static final String CHOSEN = "my-own-secret-sentence-here-12";

	@LocalServerPort
	int port;

	private final AuditLog audit;
	private HttpProbe admin;

	@Autowired
	TenantsApiIT(AuditLog audit) {
		this.audit = audit;
	}

	@BeforeEach
	void signIn() {
		admin = HttpProbe.signedIn(port);
	}

	@Test
	void aPlatformAdminCreatesATenantWhoseNewOwnerMustChangeTheGivenPasswordBeforeAnythingElse() {
		String name = tenantName();
		String email = "founder-" + UUID.randomUUID() + "@example.org";

		Reply created = create(name, email, INITIAL);

		assertThat(created.status()).isEqualTo(201);
		JsonNode tenant = created.json();
		assertThat(tenant.get("name").asString()).isEqualTo(name);
		assertThat(tenant.get("ownerCreated").asBoolean()).isTrue();
		String id = tenant.get("id").asString();
		assertThat(admin.get("/api/v1/tenants").json().get("items").valueStream()
			.filter(item -> item.get("id").asString().equals(id))
			.map(item -> item.get("members").asInt())).containsExactly(1);

		Reply login = new HttpProbe(port).json("POST", "/api/v1/auth/login",
				"{\"email\":\"" + email + "\",\"password\":\"" + INITIAL + "\",\"tenant\":\"" + name + "\"}");
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.json().get("passwordChangeRequired").asBoolean()).isTrue();
		assertThat(login.json().get("tokenType").asString()).isEqualTo("Bearer");
		HttpProbe owner = HttpProbe.withToken(port, login.json().get("accessToken").asString());

		Reply blocked = owner.get("/api/v1/members");
		assertThat(blocked.status()).isEqualTo(403);
		assertThat(blocked.json().get("code").asString()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
		assertThat(blocked.json().get("suggestedActions").get(0).asString()).contains("POST /api/v1/users/me/password");
		JsonNode me = owner.get("/api/v1/users/me").json();
		assertThat(me.get("mustChangePassword").asBoolean()).isTrue();
		assertThat(me.get("role").asString()).isEqualTo("owner");
		assertThat(me.get("tenant").get("id").asString()).isEqualTo(id);

		Reply changed = owner.json("POST", "/api/v1/users/me/password",
				"{\"currentPassword\":\"" + INITIAL + "\",\"newPassword\":\"" + CHOSEN + "\"}");
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().has("passwordChangeRequired")).isFalse();
		HttpProbe changedOwner = HttpProbe.withToken(port, changed.json().get("accessToken").asString());
		assertThat(changedOwner.get("/api/v1/members").status()).isEqualTo(200);
		assertThat(changedOwner.get("/api/v1/users/me").json().get("mustChangePassword").asBoolean()).isFalse();

		AuditEvent event = audit.page(TenantId.PLATFORM, new AuditQuery("tenant.created", null, null, id, null, null, null, 5))
			.items().getFirst();
		assertThat(event.details()).containsKey("after");
		assertThat(changedOwner.get("/api/v1/audit-events?action=member.added").json().get("items").get(0).get("details")
			.get("after").get("role").asString()).isEqualTo("owner");
	}

	@Test
	void anExistingUserBecomesOwnerAndKeepsTheirPassword() {
		String email = "serial-founder-" + UUID.randomUUID() + "@example.org";
		assertThat(create(tenantName(), email, INITIAL).status()).isEqualTo(201);
		String second = tenantName();

		Reply created = create(second, email, "a-different-password-ignored-9");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("ownerCreated").asBoolean()).isFalse();
		assertThat(login(email, "a-different-password-ignored-9", second).status()).isEqualTo(401);
		Reply original = login(email, INITIAL, second);
		assertThat(original.status()).isEqualTo(200);
		HttpProbe owner = HttpProbe.withToken(port, original.json().get("accessToken").asString());
		assertThat(owner.get("/api/v1/users/me").json().get("tenants").valueStream().map(t -> t.get("role").asString()))
			.containsExactly("owner", "owner");
	}

	@Test
	void aTakenOrMalformedNameAnInvalidAddressOrAWeakPasswordIsRefusedAndChangesNothing() {
		String name = tenantName();
		assertThat(create(name, "first-" + UUID.randomUUID() + "@example.org", INITIAL).status()).isEqualTo(201);
		int before = admin.get("/api/v1/tenants").json().get("items").size();

		Reply taken = create(name, "second-" + UUID.randomUUID() + "@example.org", INITIAL);
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.json().get("code").asString()).isEqualTo("TENANT_NAME_TAKEN");
		for (String bad : new String[] { "Upper", "ab", "with space", "ends-with-", "-starts", "platform", "x".repeat(64) }) {
			Reply refused = create(bad, "bad-name-" + UUID.randomUUID() + "@example.org", INITIAL);
			assertThat(refused.status()).as(bad).isEqualTo(400);
			assertThat(refused.json().get("errors").get(0).get("field").asString()).as(bad).isEqualTo("name");
		}
		Reply address = create(tenantName(), "not-an-address", INITIAL);
		assertThat(address.json().get("errors").get(0).get("field").asString()).isEqualTo("ownerEmail");
		Reply weak = create(tenantName(), "weak-" + UUID.randomUUID() + "@example.org", "password");
		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.json().get("errors").get(0).get("field").asString()).isEqualTo("ownerPassword");
		Reply everything = create("Bad Name!", "not-an-address", "short");
		assertThat(everything.status()).isEqualTo(400);
		assertThat(everything.json().get("errors").valueStream().map(error -> error.get("field").asString()).distinct())
			.as("every problem in one answer").containsExactly("name", "ownerEmail", "ownerPassword");
		Reply unknownField = admin.json("POST", "/api/v1/tenants", "{\"name\":\"" + tenantName() + "\",\"ownerEmail\":\"x@example.org\","
				+ "\"ownerPassword\":\"" + INITIAL + "\",\"plan\":\"gold\"}");
		assertThat(unknownField.json().get("code").asString()).isEqualTo("UNKNOWN_FIELD");

		assertThat(admin.get("/api/v1/tenants").json().get("items").size()).isEqualTo(before);
	}

	@Test
	void neitherATenantOwnerNorAnApiKeyWithEveryPermissionReachesThePlatform() {
		HttpProbe owner = HttpProbe.ownerOfNewTenant(port, tenantName(), "not-platform-" + UUID.randomUUID() + "@example.org",
				CHOSEN);
		Reply byOwner = owner.json("POST", "/api/v1/tenants", "{\"name\":\"" + tenantName() + "\",\"ownerEmail\":\"x@example.org\"}");
		assertThat(byOwner.status()).isEqualTo(403);
		assertThat(byOwner.json().get("code").asString()).isEqualTo("PERMISSION_DENIED");

		String every = Permission.TENANT_RESOURCES.stream().map(resource -> "\"" + resource + ":*\"").collect(Collectors.joining(","));
		Reply everything = admin.json("POST", "/api/v1/api-keys", "{\"name\":\"everything\",\"permissions\":[" + every + "]}");
		assertThat(everything.status()).as(everything.body()).isEqualTo(201);
		String key = everything.json().get("key").asString();
		HttpProbe byKey = HttpProbe.withToken(port, key);
		assertThat(byKey.get("/api/v1/credentials").status()).isEqualTo(200);
		assertThat(byKey.get("/api/v1/tenants").status()).isEqualTo(403);
		assertThat(byKey.get("/api/v1/admin/keys").status()).isEqualTo(403);
		Reply platformKey = admin.json("POST", "/api/v1/api-keys", "{\"name\":\"platform\",\"permissions\":[\"platform:admin\"]}");
		assertThat(platformKey.status()).isEqualTo(400);
		assertThat(platformKey.json().get("errors").get(0).get("message").asString()).contains("not a known resource");
	}

	private Reply create(String name, String email, String password) {
		return admin.json("POST", "/api/v1/tenants",
				"{\"name\":\"" + name + "\",\"ownerEmail\":\"" + email + "\",\"ownerPassword\":\"" + password + "\"}");
	}

	private Reply login(String email, String password, String tenant) {
		return new HttpProbe(port).json("POST", "/api/v1/auth/login",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"tenant\":\"" + tenant + "\"}");
	}

	private static String tenantName() {
		return "t-" + UUID.randomUUID().toString().substring(0, 13);
	}
}
