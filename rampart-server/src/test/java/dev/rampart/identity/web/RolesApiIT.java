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
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/roles}: built-in and custom roles with conditional grants, resolved on the next request. */
@ServerTest
@Import(TestUsers.class)
class RolesApiIT {

	private static final String PASSWORD = "amber-fields-under-snow-58";
	private static final JsonMapper JSON = JsonMapper.builder().build();
	/** Tests call from this machine, over IPv4 or IPv6 depending on how localhost resolves. */
	private static final String FROM_HERE = "{\"type\":\"network\",\"cidrs\":[\"127.0.0.0/8\",\"::1/128\"]}";

	@LocalServerPort
	int port;

	private final TestUsers users;
	private HttpProbe owner;
	private TenantId tenant;

	@Autowired
	RolesApiIT(TestUsers users) {
		this.users = users;
	}

	@BeforeEach
	void tenantOfItsOwn() {
		owner = HttpProbe.ownerOfNewTenant(port, "r-" + UUID.randomUUID().toString().substring(0, 13), email("chief"), PASSWORD);
		tenant = TenantId.of(owner.get("/api/v1/users/me").json().get("tenant").get("id").asString());
	}

	@Test
	void theListShowsTheBuiltInRolesWithTheirGrants() {
		JsonNode items = owner.get("/api/v1/roles").json().get("items");

		assertThat(items.valueStream().map(r -> r.get("name").asString())).startsWith("owner", "admin", "developer", "operator",
				"viewer");
		assertThat(items.get(0).get("builtIn").asBoolean()).isTrue();
		assertThat(items.get(0).get("grants").get(0).get("permission").asString()).isEqualTo("*:*");
		assertThat(items.get(0).get("members").asInt()).isEqualTo(1);
	}

	@Test
	void aCustomRoleWithConditionsRoundTripsAndAppliesToItsMembersAtOnce() {
		String grants = "[{\"permission\":\"credential:read\",\"condition\":" + FROM_HERE + "},"
				+ "{\"permission\":\"agent:execute\",\"condition\":{\"type\":\"tags\",\"tags\":{\"env\":\"staging\"}}},"
				+ "{\"permission\":\"audit:read\",\"condition\":{\"type\":\"allOf\",\"conditions\":[{\"type\":\"owner\"},"
				+ "{\"type\":\"network\",\"cidrs\":[\"10.0.0.0/8\"]}]}}]";
		Reply created = owner.json("POST", "/api/v1/roles",
				"{\"name\":\"staging-operator\",\"description\":\"runs staging\",\"grants\":" + grants + "}");

		assertThat(created.status()).isEqualTo(201);
		JsonNode role = created.json();
		assertThat(role.get("builtIn").asBoolean()).isFalse();
		assertThat(role.get("grants")).isEqualTo(JSON.readTree(grants));
		String id = role.get("id").asString();
		assertThat(owner.get("/api/v1/roles/" + id).json().get("grants")).isEqualTo(JSON.readTree(grants));

		String memberEmail = email("stager");
		users.member(tenant, memberEmail, PASSWORD, "staging-operator");
		HttpProbe member = HttpProbe.signedIn(port, memberEmail, PASSWORD);
		assertThat(member.get("/api/v1/credentials").status()).isEqualTo(200);
		assertThat(member.get("/api/v1/audit-events").status()).as("the network condition does not hold").isEqualTo(403);
		assertThat(member.get("/api/v1/users/me").json().get("role").asString()).isEqualTo("staging-operator");

		Reply narrowed = owner.json("PATCH", "/api/v1/roles/" + id,
				"{\"grants\":[{\"permission\":\"credential:read\",\"condition\":{\"type\":\"network\",\"cidrs\":[\"10.0.0.0/8\"]}}]}");
		assertThat(narrowed.status()).isEqualTo(200);
		assertThat(narrowed.json().get("description").asString()).isEqualTo("runs staging");
		assertThat(member.get("/api/v1/credentials").status()).as("the change applies to the next request").isEqualTo(403);

		assertThat(owner.json("PATCH", "/api/v1/roles/" + id, "{\"name\":\"stager\",\"grants\":[{\"permission\":\"credential:read\"}]}")
			.status()).isEqualTo(200);
		assertThat(member.get("/api/v1/credentials").status()).isEqualTo(200);
		assertThat(member.get("/api/v1/users/me").json().get("role").asString()).as("renamed for its members").isEqualTo("stager");

		JsonNode events = owner.get("/api/v1/audit-events?action=role.").json().get("items");
		assertThat(events.valueStream().map(e -> e.get("action").asString())).containsExactly("role.updated", "role.updated",
				"role.created");
		assertThat(events.get(0).get("details").get("before").get("name").asString()).isEqualTo("staging-operator");
		assertThat(events.get(0).get("details").get("after").get("name").asString()).isEqualTo("stager");
	}

	@Test
	void aRoleInUseCannotBeDeletedAndAnUnusedOneCan() {
		String id = owner.json("POST", "/api/v1/roles", "{\"name\":\"reader\",\"grants\":[{\"permission\":\"agent:read\"}]}").json()
			.get("id").asString();
		UUID member = users.member(tenant, email("reader"), PASSWORD, "reader");

		Reply inUse = owner.json("DELETE", "/api/v1/roles/" + id, null);
		assertThat(inUse.status()).isEqualTo(409);
		assertThat(inUse.json().get("code").asString()).isEqualTo("ROLE_IN_USE");
		assertThat(inUse.json().get("technicalDetails").asString()).contains("1 member");

		assertThat(owner.json("PATCH", "/api/v1/members/" + member, "{\"role\":\"viewer\"}").status()).isEqualTo(200);
		assertThat(owner.json("DELETE", "/api/v1/roles/" + id, null).status()).isEqualTo(204);
		assertThat(owner.get("/api/v1/roles/" + id).status()).isEqualTo(404);
		assertThat(owner.get("/api/v1/audit-events?action=role.deleted").json().get("items").get(0).get("details").get("before")
			.get("name").asString()).isEqualTo("reader");
	}

	@Test
	void invalidRolesAreRefusedFieldByFieldAndNothingIsCreated() {
		int before = owner.get("/api/v1/roles").json().get("items").size();

		Reply unknownResource = create("bad", "[{\"permission\":\"spaceship:fly\"}]");
		assertThat(unknownResource.status()).isEqualTo(400);
		assertThat(field(unknownResource)).isEqualTo("grants[0].permission");
		assertThat(unknownResource.json().get("errors").get(0).get("message").asString()).contains("agent", "credential", "member");
		Reply badType = create("bad", "[{\"permission\":\"agent:read\",\"condition\":{\"type\":\"weekday\"}}]");
		assertThat(field(badType)).isEqualTo("grants[0].condition.type");
		assertThat(badType.json().get("errors").get(0).get("message").asString()).contains("owner, tags, network, allOf");
		Reply wrongField = create("bad", "[{\"permission\":\"agent:read\",\"condition\":{\"type\":\"owner\",\"cidrs\":[\"10.0.0.0/8\"]}}]");
		assertThat(field(wrongField)).isEqualTo("grants[0].condition");
		Reply badCidr = create("bad", "[{\"permission\":\"agent:read\"},{\"permission\":\"agent:run\",\"condition\":{\"type\":\"allOf\","
				+ "\"conditions\":[{\"type\":\"network\",\"cidrs\":[\"10.0.0.0/33\"]}]}}]");
		assertThat(field(badCidr)).isEqualTo("grants[1].condition.conditions[0].cidrs[0]");
		Reply unknownField = create("bad", "[{\"permission\":\"agent:read\",\"condition\":{\"type\":\"owner\",\"when\":\"now\"}}]");
		assertThat(unknownField.json().get("code").asString()).isEqualTo("UNKNOWN_FIELD");
		assertThat(field(create("Bad Name", "[{\"permission\":\"agent:read\"}]"))).isEqualTo("name");
		assertThat(field(create("empty", "[]"))).isEqualTo("grants");
		Reply builtIn = create("admin", "[{\"permission\":\"agent:read\"}]");
		assertThat(builtIn.status()).isEqualTo(409);
		assertThat(builtIn.json().get("code").asString()).isEqualTo("ROLE_NAME_TAKEN");
		assertThat(create("twice", "[{\"permission\":\"agent:read\"}]").status()).isEqualTo(201);
		assertThat(create("twice", "[{\"permission\":\"agent:read\"}]").json().get("code").asString()).isEqualTo("ROLE_NAME_TAKEN");

		assertThat(owner.get("/api/v1/roles").json().get("items").size()).isEqualTo(before + 1);
	}

	@Test
	void nobodyWritesARoleWithGrantsTheyDoNotHoldOrChangesOneThatHasThem() {
		String adminEmail = email("deputy");
		users.member(tenant, adminEmail, PASSWORD, "admin");
		HttpProbe admin = HttpProbe.signedIn(port, adminEmail, PASSWORD);
		String mighty = owner.json("POST", "/api/v1/roles", "{\"name\":\"mighty\",\"grants\":[{\"permission\":\"*:*\"}]}").json()
			.get("id").asString();

		Reply beyond = admin.json("POST", "/api/v1/roles", "{\"name\":\"escalate\",\"grants\":[{\"permission\":\"agent:read\"},"
				+ "{\"permission\":\"*:*\"}]}");
		assertThat(beyond.status()).isEqualTo(403);
		assertThat(beyond.json().get("code").asString()).isEqualTo("PERMISSIONS_NOT_HELD");
		assertThat(beyond.json().get("technicalDetails").asString()).contains("*:*").doesNotContain("agent:read");
		Reply touch = admin.json("PATCH", "/api/v1/roles/" + mighty, "{\"description\":\"mine now\"}");
		assertThat(touch.status()).isEqualTo(403);
		assertThat(touch.json().get("code").asString()).isEqualTo("ROLE_NOT_GRANTABLE");
		assertThat(admin.json("POST", "/api/v1/roles", "{\"name\":\"helper\",\"grants\":[{\"permission\":\"agent:read\","
				+ "\"condition\":" + FROM_HERE + "}]}").status()).isEqualTo(201);
	}

	@Test
	void aRoleOfAnotherTenantIsNotFoundExactlyLikeNone() {
		HttpProbe other = HttpProbe.ownerOfNewTenant(port, "r-" + UUID.randomUUID().toString().substring(0, 13), email("rival"),
				PASSWORD);
		String theirs = other.json("POST", "/api/v1/roles", "{\"name\":\"theirs\",\"grants\":[{\"permission\":\"agent:read\"}]}")
			.json().get("id").asString();

		for (String id : new String[] { theirs, UUID.randomUUID().toString() }) {
			assertNotFound(owner.get("/api/v1/roles/" + id));
			assertNotFound(owner.json("PATCH", "/api/v1/roles/" + id, "{\"description\":\"x\"}"));
			assertNotFound(owner.json("DELETE", "/api/v1/roles/" + id, null));
		}
		assertThat(owner.get("/api/v1/roles").json().get("items").valueStream().map(r -> r.get("name").asString()))
			.doesNotContain("theirs");
		assertThat(other.get("/api/v1/roles/" + theirs).status()).isEqualTo(200);
	}

	private Reply create(String name, String grants) {
		return owner.json("POST", "/api/v1/roles", "{\"name\":\"" + name + "\",\"grants\":" + grants + "}");
	}

	private static String field(Reply reply) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(400);
		return reply.json().get("errors").get(0).get("field").asString();
	}

	private static void assertNotFound(Reply reply) {
		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.json().get("code").asString()).isEqualTo("RESOURCE_NOT_FOUND");
		assertThat(reply.json().get("technicalDetails").asString()).startsWith("No role with id");
	}

	private static String email(String who) {
		return who + "-" + UUID.randomUUID() + "@example.org";
	}
}
