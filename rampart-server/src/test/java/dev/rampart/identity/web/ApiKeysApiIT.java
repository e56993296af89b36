package dev.rampart.identity.web;

import java.util.Map;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/api-keys}: shown once, listed without secrets, scoped within the creator's role, revocable. */
@ServerTest
@Import(TestUsers.class)
class ApiKeysApiIT {

	private static final String PASSWORD = "harbour-bells-ring-twice-64";

	@LocalServerPort
	int port;

	private final TestUsers users;
	private final JdbcClient jdbc;
	private HttpProbe owner;
	private TenantId tenant;

	@Autowired
	ApiKeysApiIT(TestUsers users, JdbcClient jdbc) {
		this.users = users;
		this.jdbc = jdbc;
	}

	@BeforeEach
	void tenantOfItsOwn() {
		owner = HttpProbe.ownerOfNewTenant(port, "k-" + UUID.randomUUID().toString().substring(0, 13), email("keeper"), PASSWORD);
		tenant = TenantId.of(owner.get("/api/v1/users/me").json().get("tenant").get("id").asString());
	}

	@Test
	void aKeyIsShownOnceListedWithoutItsSecretUsableAndRevocable() {
		Reply created = owner.json("POST", "/api/v1/api-keys",
				"{\"name\":\"ci\",\"permissions\":[\"credential:read\",\"agent:*\"],\"expiresAt\":\"2099-01-01T00:00:00Z\"}");

		assertThat(created.status()).isEqualTo(201);
		String key = created.json().get("key").asString();
		String id = created.json().get("id").asString();
		assertThat(key).startsWith(created.json().get("prefix").asString() + "_");
		// the secret after the prefix; it may itself contain '_' (base64url), so not cut at the last one
		String secret = key.substring(created.json().get("prefix").asString().length() + 1);
		HttpProbe byKey = HttpProbe.withToken(port, key);
		assertThat(byKey.get("/api/v1/credentials").status()).isEqualTo(200);
		assertThat(byKey.get("/api/v1/members").status()).isEqualTo(403);

		Reply list = owner.get("/api/v1/api-keys");
		assertThat(list.body()).doesNotContain(key).doesNotContain(secret);
		JsonNode listed = list.json().get("items").get(0);
		assertThat(listed.has("key")).isFalse();
		assertThat(listed.get("name").asString()).isEqualTo("ci");
		assertThat(listed.get("permissions").valueStream().map(JsonNode::asString)).containsExactly("agent:*", "credential:read");
		assertThat(listed.get("expiresAt").asString()).isEqualTo("2099-01-01T00:00:00Z");
		assertThat(listed.get("lastUsedAt").isNull()).isFalse();
		assertThat(listed.get("revokedAt").isNull()).isTrue();
		assertThat(listed.get("createdBy").asString()).isEqualTo(owner.get("/api/v1/users/me").json().get("id").asString());

		assertThat(owner.json("DELETE", "/api/v1/api-keys/" + id, null).status()).isEqualTo(204);
		assertThat(byKey.get("/api/v1/credentials").status()).isEqualTo(401);
		assertThat(owner.get("/api/v1/api-keys/" + id).json().get("revokedAt").isNull()).isFalse();
		assertThat(owner.json("DELETE", "/api/v1/api-keys/" + id, null).status()).isEqualTo(204);

		JsonNode events = owner.get("/api/v1/audit-events?action=api_key.").json().get("items");
		assertThat(events.valueStream().map(e -> e.get("action").asString())).containsExactly("api_key.revoked", "api_key.created");
		assertThat(events.toString()).doesNotContain(secret);
		assertThat(events.get(1).get("details").get("after").get("prefix").asString()).isEqualTo(listed.get("prefix").asString());
	}

	@Test
	void aKeyCarriesNoPermissionItsCreatorDoesNotHold() {
		String developerEmail = email("dev");
		users.member(tenant, developerEmail, PASSWORD, "developer");
		HttpProbe developer = HttpProbe.signedIn(port, developerEmail, PASSWORD);

		Reply beyond = developer.json("POST", "/api/v1/api-keys",
				"{\"name\":\"too much\",\"permissions\":[\"agent:execute\",\"member:manage\",\"credential:*\"]}");
		assertThat(beyond.status()).isEqualTo(403);
		assertThat(beyond.json().get("code").asString()).isEqualTo("PERMISSIONS_NOT_HELD");
		assertThat(beyond.json().get("technicalDetails").asString()).contains("member:manage", "credential:*")
			.doesNotContain("agent:execute");
		assertThat(developer.json("POST", "/api/v1/api-keys", "{\"name\":\"ok\",\"permissions\":[\"agent:*\",\"credential:use\"]}")
			.status()).isEqualTo(201);

		String operatorEmail = email("op");
		users.member(tenant, operatorEmail, PASSWORD, "operator");
		Reply byOperator = HttpProbe.signedIn(port, operatorEmail, PASSWORD).json("POST", "/api/v1/api-keys",
				"{\"name\":\"x\",\"permissions\":[\"agent:read\"]}");
		assertThat(byOperator.status()).isEqualTo(403);
		assertThat(byOperator.json().get("code").asString()).isEqualTo("PERMISSION_DENIED");
	}

	@Test
	void aKeyIsBoundedByItsCreatorsCurrentRoleAndDiesWithTheMembership() {
		String adminEmail = email("admin");
		UUID admin = users.member(tenant, adminEmail, PASSWORD, "admin");
		String key = HttpProbe.signedIn(port, adminEmail, PASSWORD)
			.json("POST", "/api/v1/api-keys", "{\"name\":\"ops\",\"permissions\":[\"credential:read\",\"api-key:manage\"]}")
			.json().get("key").asString();
		HttpProbe byKey = HttpProbe.withToken(port, key);
		assertThat(byKey.get("/api/v1/credentials").status()).isEqualTo(200);
		Reply keyMintsKey = byKey.json("POST", "/api/v1/api-keys", "{\"name\":\"child\",\"permissions\":[\"credential:read\"]}");
		assertThat(keyMintsKey.status()).isEqualTo(403);
		assertThat(keyMintsKey.json().get("technicalDetails").asString()).contains("An API key cannot create API keys");

		owner.json("PATCH", "/api/v1/members/" + admin, "{\"role\":\"operator\"}");
		assertThat(byKey.get("/api/v1/credentials").status()).as("the creator lost credential:read").isEqualTo(403);

		owner.json("DELETE", "/api/v1/members/" + admin, null);
		Reply gone = byKey.get("/api/v1/credentials");
		assertThat(gone.status()).isEqualTo(401);
		assertThat(gone.json().get("code").asString()).isEqualTo("TOKEN_INVALID");
	}

	@Test
	void badRequestsAreRefusedClearlyAndCreateNothing() {
		assertInvalid(create("{\"name\":\"old\",\"permissions\":[\"agent:read\"],\"expiresAt\":\"2020-01-01T00:00:00Z\"}"), "expiresAt");
		assertInvalid(create("{\"name\":\"bad\",\"permissions\":[\"agent\"]}"), "permissions[0]");
		assertInvalid(create("{\"name\":\"bad\",\"permissions\":[\"agent:read\",\"rocket:launch\"]}"), "permissions[1]");
		assertInvalid(create("{\"name\":\"bad\",\"permissions\":[]}"), "permissions");
		assertInvalid(create("{\"name\":\"bad\",\"permissions\":[\"*:read\"]}"), "permissions[0]");
		assertInvalid(create("{\"name\":\" \",\"permissions\":[\"agent:read\"]}"), "name");
		assertInvalid(create("{\"name\":\"bad\",\"permissions\":[\"agent:read\"],\"expiresAt\":\"tomorrow\"}"), "expiresAt");

		assertThat(owner.get("/api/v1/api-keys").json().get("items").size()).isZero();
		assertThat(jdbc.sql("select count(*) from api_keys where tenant_id = :t").param("t", tenant.value()).query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aKeyOfAnotherTenantIsNotFoundExactlyLikeNone() {
		String theirs = HttpProbe.signedIn(port).json("POST", "/api/v1/api-keys",
				"{\"name\":\"default's\",\"permissions\":[\"agent:read\"]}").json().get("id").asString();

		for (String id : new String[] { theirs, UUID.randomUUID().toString(), "rpk_nope" }) {
			Reply get = owner.get("/api/v1/api-keys/" + id);
			Reply delete = owner.json("DELETE", "/api/v1/api-keys/" + id, null);
			for (Reply reply : new Reply[] { get, delete }) {
				assertThat(reply.status()).isEqualTo(404);
				assertThat(reply.json().get("code").asString()).isEqualTo("RESOURCE_NOT_FOUND");
				assertThat(reply.json().get("technicalDetails").asString()).startsWith("No API key with id");
			}
		}
		assertThat(HttpProbe.signedIn(port).get("/api/v1/api-keys/" + theirs).json().get("revokedAt").isNull()).isTrue();
	}

	private Reply create(String body) {
		return owner.send("POST", "/api/v1/api-keys", body, Map.of());
	}

	private static void assertInvalid(Reply reply, String field) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(400);
		assertThat(reply.json().has("errors")).as(reply.body()).isTrue();
		assertThat(reply.json().path("errors").valueStream().map(e -> e.get("field").asString())).contains(field);
	}

	private static String email(String who) {
		return who + "-" + UUID.randomUUID() + "@example.org";
	}
}
