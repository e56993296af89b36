package dev.rampart.identity.web;

import java.util.Set;
import java.util.UUID;

import dev.rampart.HttpProbe.Reply;
import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.identity.ApiKeys;
import dev.rampart.identity.internal.TestUsers;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** Every /api/v1 request is authenticated, by access token or API key, and acts in that token's tenant. */
@ServerTest
@Import(TestUsers.class)
class RequestAuthenticationIT {

	@LocalServerPort
	int port;

	private final TestUsers users;
	private final ApiKeys apiKeys;
	private HttpProbe admin;

	@Autowired
	RequestAuthenticationIT(TestUsers users, ApiKeys apiKeys) {
		this.users = users;
		this.apiKeys = apiKeys;
	}

	@BeforeEach
	void signIn() {
		admin = HttpProbe.signedIn(port);
	}

	@Test
	void withoutATokenTheApiAnswers401AndSaysHowToSignIn() {
		Reply reply = admin.anonymous().get("/api/v1/credentials");

		assertThat(reply.status()).isEqualTo(401);
		assertThat(reply.json().get("code").asString()).isEqualTo("AUTHENTICATION_REQUIRED");
		assertThat(admin.anonymous().get("/actuator/health").status()).isEqualTo(200);
		assertThat(admin.anonymous().get("/.well-known/jwks.json").status()).isEqualTo(200);
	}

	@Test
	void aForgedOrMalformedTokenIsRefused() {
		for (String token : new String[] { "not-a-jwt", "eyJhbGciOiJub25lIn0.e30.", "rpk_00000000_" + "A".repeat(43) }) {
			Reply reply = admin.anonymous().send("GET", "/api/v1/credentials", null,
					java.util.Map.of("Authorization", "Bearer " + token));
			assertThat(reply.status()).as(token).isEqualTo(401);
			assertThat(reply.json().get("code").asString()).isEqualTo("TOKEN_INVALID");
		}
	}

	@Test
	void anotherTenantsCredentialIsNotFoundAsIfItDidNotExist() {
		Reply created = admin.json("POST", "/api/v1/credentials",
				"{\"name\":\"admins-" + UUID.randomUUID() + "\",\"provider\":\"sim\",\"secret\":\"sk-of-the-default-tenant\"}");
		String id = created.json().get("id").asString();
		String email = "other-" + UUID.randomUUID() + "@example.org";
		TenantId other = users.userInTwoTenants(email, HttpProbe.ADMIN_PASSWORD + "x", "other-" + UUID.randomUUID());
		HttpProbe otherUser = HttpProbe.signedIn(port, email, HttpProbe.ADMIN_PASSWORD + "x");
		HttpProbe inOtherTenant = switched(otherUser, users.tenantName(other));

		assertThat(otherUser.get("/api/v1/credentials/" + id).status()).isEqualTo(200);
		Reply hidden = inOtherTenant.get("/api/v1/credentials/" + id);
		assertThat(hidden.status()).isEqualTo(404);
		assertThat(hidden.json().get("code").asString()).isEqualTo("RESOURCE_NOT_FOUND");
		assertThat(inOtherTenant.get("/api/v1/credentials").json().get("items").valueStream()
			.map(item -> item.get("id").asString())).doesNotContain(id);
	}

	@Test
	void anApiKeyActsInItsTenantWithinItsScopeAndARevokedOneNoLonger() {
		String adminId = admin.get("/api/v1/users/me").json().get("id").asString();
		ApiKeys.Created key = apiKeys.create(TenantId.DEFAULT, adminId, "ci", Set.of("credential:read"), null);
		java.util.Map<String, String> bearer = java.util.Map.of("Authorization", "Bearer " + key.secret().reveal());

		assertThat(admin.anonymous().send("GET", "/api/v1/credentials", null, bearer).status()).isEqualTo(200);
		Reply outOfScope = admin.anonymous().send("POST", "/api/v1/credentials",
				"{\"name\":\"by-key\",\"provider\":\"sim\",\"secret\":\"k\"}", bearer);
		assertThat(outOfScope.status()).isEqualTo(403);
		assertThat(outOfScope.json().get("code").asString()).isEqualTo("PERMISSION_DENIED");

		apiKeys.revoke(TenantId.DEFAULT, key.key().id());
		assertThat(admin.anonymous().send("GET", "/api/v1/credentials", null, bearer).status()).isEqualTo(401);
	}

	private HttpProbe switched(HttpProbe signedIn, String tenant) {
		Reply switchedTokens = signedIn.json("POST", "/api/v1/auth/switch-tenant", "{\"tenant\":\"" + tenant + "\"}");
		assertThat(switchedTokens.status()).isEqualTo(200);
		return HttpProbe.withToken(port, switchedTokens.json().get("accessToken").asString());
	}
}
