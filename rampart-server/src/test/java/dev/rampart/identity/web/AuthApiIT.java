package dev.rampart.identity.web;

import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.identity.AccessClaims;
import dev.rampart.identity.AccessTokens;
import dev.rampart.identity.internal.TestUsers;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in, refresh and sign-out through HTTP, as ARCHITECTURE.md §11 fixes them, with a configured bootstrap admin. */
@ServerTest
@TestPropertySource(properties = { "rampart.identity.bootstrap.admin-email=owner@example.org",
		"rampart.identity.bootstrap.admin-password=" + AuthApiIT.PASSWORD })
@Import(TestUsers.class)
class AuthApiIT {

	static final String PASSWORD = "correct horse battery staple 42";

	@LocalServerPort
	int port;

	private final AccessTokens accessTokens;
	private final TestUsers users;
	private HttpProbe http;

	@Autowired
	AuthApiIT(AccessTokens accessTokens, TestUsers users) {
		this.accessTokens = accessTokens;
		this.users = users;
	}

	@BeforeEach
	void client() {
		http = new HttpProbe(port);
	}

	@Test
	void theBootstrapAdminSignsInToTheDefaultTenantAndGetsTokensOfTheContractShape() {
		Reply login = login("Owner@Example.org", PASSWORD);

		assertThat(login.status()).isEqualTo(200);
		JsonNode body = login.json();
		assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(body.get("expiresIn").asLong()).isEqualTo(600);
		assertThat(body.get("refreshToken").asString()).startsWith("rt_");
		AccessClaims claims = accessTokens.verify(body.get("accessToken").asString());
		assertThat(claims.tenant()).isEqualTo(TenantId.DEFAULT);
		assertThat(http.get("/.well-known/jwks.json").json().get("keys").get(0).get("kty").asString()).isEqualTo("EC");
	}

	@Test
	void anUnknownAddressAndAWrongPasswordGetTheSameAnswer() {
		Reply unknown = login("nobody-" + UUID.randomUUID() + "@example.org", PASSWORD);
		Reply wrong = login("owner@example.org", "not the password at all");

		assertThat(unknown.status()).isEqualTo(401).isEqualTo(wrong.status());
		assertThat(withoutTraceId(unknown.json())).isEqualTo(withoutTraceId(wrong.json()));
		assertThat(unknown.json().get("code").asString()).isEqualTo("INVALID_CREDENTIALS");
	}

	@Test
	void refreshRotatesAndAReusedRefreshTokenEndsTheSession() {
		String first = login("owner@example.org", PASSWORD).json().get("refreshToken").asString();

		Reply refreshed = refresh(first);
		assertThat(refreshed.status()).isEqualTo(200);
		String second = refreshed.json().get("refreshToken").asString();
		assertThat(second).isNotEqualTo(first);

		Reply reused = refresh(first);
		assertThat(reused.status()).isEqualTo(401);
		assertThat(reused.json().get("code").asString()).isEqualTo("REFRESH_TOKEN_REUSED");
		assertThat(refresh(second).json().get("code").asString()).isEqualTo("TOKEN_INVALID");
	}

	@Test
	void logoutEndsTheSession() {
		String token = login("owner@example.org", PASSWORD).json().get("refreshToken").asString();

		assertThat(http.json("POST", "/api/v1/auth/logout", "{\"refreshToken\":\"" + token + "\"}").status()).isEqualTo(204);

		assertThat(refresh(token).status()).isEqualTo(401);
	}

	@Test
	void repeatedFailuresForOneAccountAreThrottledWithRetryAfter() {
		String email = "throttled-" + UUID.randomUUID() + "@example.org";
		for (int i = 0; i < 6; i++) {
			assertThat(login(email, "wrong password number " + i).status()).isEqualTo(401);
		}

		Reply throttled = login(email, "wrong password again");

		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.json().get("code").asString()).isEqualTo("LOGIN_THROTTLED");
		assertThat(throttled.json().get("canRetry").asBoolean()).isTrue();
	}

	@Test
	void signingInToATenantWithoutMembershipIsRefused() {
		Reply login = http.json("POST", "/api/v1/auth/login",
				"{\"email\":\"owner@example.org\",\"password\":\"" + PASSWORD + "\",\"tenant\":\"someone-elses\"}");

		assertThat(login.status()).isEqualTo(403);
		assertThat(login.json().get("code").asString()).isEqualTo("NOT_A_MEMBER");
	}

	@Test
	void aMemberOfTwoTenantsSwitchesWithAValidAccessTokenAndAPasswordChangeVoidsEarlierTokens() {
		String email = "two-tenants-" + UUID.randomUUID() + "@example.org";
		TenantId second = users.userInTwoTenants(email, PASSWORD, "second-" + UUID.randomUUID());
		String access = login(email, PASSWORD).json().get("accessToken").asString();

		Reply switched = switchTenant(access, users.tenantName(second));

		assertThat(switched.status()).isEqualTo(200);
		assertThat(accessTokens.verify(switched.json().get("accessToken").asString()).tenant()).isEqualTo(second);
		assertThat(switchTenant(access, "not-a-tenant-of-mine").json().get("code").asString()).isEqualTo("NOT_A_MEMBER");
		assertThat(http.json("POST", "/api/v1/auth/switch-tenant", "{\"tenant\":\"default\"}").status()).isEqualTo(401);

		users.voidTokensIssuedBefore(email, accessTokens.verify(access).issuedAt().plusSeconds(1));

		Reply afterChange = switchTenant(access, users.tenantName(second));
		assertThat(afterChange.status()).isEqualTo(401);
		assertThat(afterChange.json().get("code").asString()).isEqualTo("TOKEN_INVALID");
	}

	private Reply switchTenant(String accessToken, String tenant) {
		return http.send("POST", "/api/v1/auth/switch-tenant", "{\"tenant\":\"" + tenant + "\"}",
				java.util.Map.of("Authorization", "Bearer " + accessToken));
	}

	private Reply login(String email, String password) {
		return http.json("POST", "/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
	}

	private Reply refresh(String token) {
		return http.json("POST", "/api/v1/auth/refresh", "{\"refreshToken\":\"" + token + "\"}");
	}

	private static JsonNode withoutTraceId(JsonNode problem) {
		return ((tools.jackson.databind.node.ObjectNode) problem.deepCopy()).without("traceId");
	}
}
