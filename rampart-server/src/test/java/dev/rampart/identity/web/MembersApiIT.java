package dev.rampart.identity.web;

import java.util.UUID;

import dev.rampart.HttpProbe.Reply;
import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.identity.internal.TestUsers;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/members} in a tenant of its own per test, with the guard rails around owners and raising roles. */
@ServerTest
@Import(TestUsers.class)
class MembersApiIT {

	private static final String PASSWORD = "seven-lamps-over-the-river-31";

	@LocalServerPort
	int port;

	private final TestUsers users;
	private HttpProbe owner;
	private String ownerId;
	private TenantId tenant;

	@Autowired
	MembersApiIT(TestUsers users) {
		this.users = users;
	}

	@BeforeEach
	void tenantOfItsOwn() {
		owner = HttpProbe.ownerOfNewTenant(port, "m-" + UUID.randomUUID().toString().substring(0, 13), email("boss"), PASSWORD);
		JsonNode me = owner.get("/api/v1/users/me").json();
		ownerId = me.get("id").asString();
		tenant = TenantId.of(me.get("tenant").get("id").asString());
	}

	@Test
	void anOwnerAddsNewAndExistingUsersChangesTheirRolesAndRemovesThem() {
		String newcomer = email("newcomer");
		Reply added = owner.json("POST", "/api/v1/members",
				"{\"email\":\"" + newcomer + "\",\"name\":\"Ada\",\"role\":\"developer\",\"password\":\"" + PASSWORD + "\"}");
		assertThat(added.status()).isEqualTo(201);
		assertThat(added.json().get("userCreated").asBoolean()).isTrue();
		assertThat(added.json().get("email").asString()).isEqualTo(newcomer);
		assertThat(added.body()).doesNotContainIgnoringCase("hash").doesNotContain(PASSWORD);
		String newcomerId = added.json().get("userId").asString();

		Reply existing = owner.json("POST", "/api/v1/members", "{\"email\":\"" + HttpProbe.ADMIN_EMAIL + "\",\"role\":\"viewer\"}");
		assertThat(existing.status()).isEqualTo(201);
		assertThat(existing.json().get("userCreated").asBoolean()).isFalse();
		String adminId = existing.json().get("userId").asString();

		JsonNode list = owner.get("/api/v1/members").json().get("items");
		assertThat(list.valueStream().map(m -> m.get("role").asString())).containsExactly("owner", "developer", "viewer");
		assertThat(list.toString()).doesNotContainIgnoringCase("hash").doesNotContainIgnoringCase("password");

		Reply changed = owner.json("PATCH", "/api/v1/members/" + newcomerId, "{\"role\":\"admin\"}");
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().get("role").asString()).isEqualTo("admin");
		assertThat(owner.json("DELETE", "/api/v1/members/" + adminId, null).status()).isEqualTo(204);
		assertThat(owner.get("/api/v1/members/" + adminId).status()).isEqualTo(404);

		JsonNode events = owner.get("/api/v1/audit-events?action=member.").json().get("items");
		assertThat(events.valueStream().map(e -> e.get("action").asString())).containsSubsequence("member.removed",
				"member.role_changed", "member.added", "member.added");
		JsonNode roleChange = events.valueStream().filter(e -> e.get("action").asString().equals("member.role_changed")).findFirst()
			.orElseThrow();
		assertThat(roleChange.get("details").get("before").get("role").asString()).isEqualTo("developer");
		assertThat(roleChange.get("details").get("after").get("role").asString()).isEqualTo("admin");
		assertThat(roleChange.get("actor").asString()).isEqualTo(ownerId);
	}

	@Test
	void theLastOwnerCannotBeRemovedOrDemotedUntilThereIsAnother() {
		Reply demoted = owner.json("PATCH", "/api/v1/members/" + ownerId, "{\"role\":\"admin\"}");
		assertThat(demoted.status()).isEqualTo(409);
		assertThat(demoted.json().get("code").asString()).isEqualTo("LAST_OWNER");
		assertThat(owner.json("DELETE", "/api/v1/members/" + ownerId, null).json().get("code").asString()).isEqualTo("LAST_OWNER");

		UUID second = users.member(tenant, email("heir"), PASSWORD, "admin");
		assertThat(owner.json("PATCH", "/api/v1/members/" + second, "{\"role\":\"owner\"}").status()).isEqualTo(200);

		assertThat(owner.json("PATCH", "/api/v1/members/" + ownerId, "{\"role\":\"admin\"}").status()).isEqualTo(200);
	}

	@Test
	void onlyAnOwnerGivesOrTouchesOwnerAndNobodyRaisesTheirOwnRoleOrGivesMoreThanTheyHold() {
		String adminEmail = email("deputy");
		UUID deputy = users.member(tenant, adminEmail, PASSWORD, "admin");
		HttpProbe admin = HttpProbe.signedIn(port, adminEmail, PASSWORD);
		UUID dev = users.member(tenant, email("dev"), PASSWORD, "developer");

		assertRefused(admin.json("PATCH", "/api/v1/members/" + dev, "{\"role\":\"owner\"}"), "ROLE_NOT_GRANTABLE", "owner");
		assertRefused(admin.json("POST", "/api/v1/members", "{\"email\":\"" + email("x") + "\",\"role\":\"owner\",\"password\":\""
				+ PASSWORD + "\"}"), "ROLE_NOT_GRANTABLE", "owner");
		assertRefused(admin.json("PATCH", "/api/v1/members/" + ownerId, "{\"role\":\"viewer\"}"), "ROLE_NOT_GRANTABLE", "owner");
		assertRefused(admin.json("DELETE", "/api/v1/members/" + ownerId, null), "ROLE_NOT_GRANTABLE", "owner");
		assertRefused(admin.json("PATCH", "/api/v1/members/" + deputy, "{\"role\":\"owner\"}"), "ROLE_NOT_GRANTABLE",
				"raise your own role");
		Reply custom = owner.json("POST", "/api/v1/roles", "{\"name\":\"auditor-plus\",\"grants\":[{\"permission\":\"*:read\"}]}");
		assertThat(custom.status()).isEqualTo(201);
		assertRefused(admin.json("PATCH", "/api/v1/members/" + dev, "{\"role\":\"auditor-plus\"}"), "ROLE_NOT_GRANTABLE", "*:read");

		assertThat(admin.json("PATCH", "/api/v1/members/" + dev, "{\"role\":\"operator\"}").status()).isEqualTo(200);
		assertThat(admin.json("PATCH", "/api/v1/members/" + deputy, "{\"role\":\"developer\"}").status()).isEqualTo(200);
		Reply byDeveloper = admin.json("PATCH", "/api/v1/members/" + dev, "{\"role\":\"viewer\"}");
		assertThat(byDeveloper.status()).isEqualTo(403);
		assertThat(byDeveloper.json().get("code").asString()).isEqualTo("PERMISSION_DENIED");
	}

	@Test
	void badInputIsRefusedClearlyAndChangesNothing() {
		int before = owner.get("/api/v1/members").json().get("items").size();

		String refused = email("refused");
		Reply unknownRole = owner.json("POST", "/api/v1/members", "{\"email\":\"" + refused + "\",\"role\":\"wizard\",\"password\":\""
				+ PASSWORD + "\"}");
		assertThat(unknownRole.status()).isEqualTo(400);
		assertThat(unknownRole.json().get("errors").get(0).get("message").asString()).contains("owner, admin, developer, operator, viewer");
		Reply noPassword = owner.json("POST", "/api/v1/members", "{\"email\":\"" + email("p") + "\",\"role\":\"viewer\"}");
		assertThat(noPassword.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
		Reply weak = owner.json("POST", "/api/v1/members", "{\"email\":\"" + email("w") + "\",\"role\":\"viewer\",\"password\":\"123456\"}");
		assertThat(weak.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
		Reply address = owner.json("POST", "/api/v1/members", "{\"email\":\"nobody\",\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\"}");
		assertThat(address.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
		Reply again = owner.json("POST", "/api/v1/members", "{\"email\":\"" + HttpProbe.ADMIN_EMAIL + "\",\"role\":\"viewer\"}");
		assertThat(again.status()).isEqualTo(201);
		Reply twice = owner.json("POST", "/api/v1/members", "{\"email\":\"" + HttpProbe.ADMIN_EMAIL + "\",\"role\":\"admin\"}");
		assertThat(twice.status()).isEqualTo(409);
		assertThat(twice.json().get("code").asString()).isEqualTo("MEMBER_ALREADY_EXISTS");

		assertThat(owner.get("/api/v1/members").json().get("items").size()).isEqualTo(before + 1);
		assertThat(new HttpProbe(port).json("POST", "/api/v1/auth/login", "{\"email\":\"" + refused + "\",\"password\":\""
				+ PASSWORD + "\"}").status()).isEqualTo(401);
	}

	@Test
	void aMemberOfAnotherTenantIsNotFoundExactlyLikeNobody() {
		String adminId = HttpProbe.signedIn(port).get("/api/v1/users/me").json().get("id").asString();
		String nobody = UUID.randomUUID().toString();

		for (String id : new String[] { adminId, nobody, "not-a-uuid" }) {
			assertNotFound(owner.get("/api/v1/members/" + id));
			assertNotFound(owner.json("PATCH", "/api/v1/members/" + id, "{\"role\":\"viewer\"}"));
			assertNotFound(owner.json("DELETE", "/api/v1/members/" + id, null));
		}
		assertThat(HttpProbe.signedIn(port).get("/api/v1/members/" + adminId).json().get("role").asString()).isEqualTo("owner");
	}

	private static void assertNotFound(Reply reply) {
		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.json().get("code").asString()).isEqualTo("RESOURCE_NOT_FOUND");
		assertThat(reply.json().get("technicalDetails").asString()).startsWith("No member with id");
	}

	private static void assertRefused(Reply reply, String code, String detail) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(403);
		assertThat(reply.json().get("code").asString()).isEqualTo(code);
		assertThat(reply.json().get("technicalDetails").asString()).contains(detail);
	}

	private static String email(String who) {
		return who + "-" + UUID.randomUUID() + "@example.org";
	}
}
