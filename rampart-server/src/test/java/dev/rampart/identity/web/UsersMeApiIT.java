package dev.rampart.identity.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.rampart.HttpProbe.Reply;
import dev.rampart.HttpProbe;
import dev.rampart.FrozenClock;
import dev.rampart.MovableClock;
import dev.rampart.ServerTest;
import dev.rampart.identity.internal.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/users/me}: the own account, password change and logout everywhere. The node runs on
 * a clock the test moves, because access tokens carry whole seconds: a token is void only when it
 * was issued in an earlier second than the change.
 */
@ServerTest
@Import({ TestUsers.class, FrozenClock.class })
class UsersMeApiIT {

	private static final String PASSWORD = "winter-orchard-in-bloom-83";
	private static final String NEW_PASSWORD = "quiet-river-stones-glow-26";

	@LocalServerPort
	int port;

	private final TestUsers users;
	private final MovableClock clock;
	private final JdbcClient jdbc;
	private String email;

	@Autowired
	UsersMeApiIT(TestUsers users, Clock clock, JdbcClient jdbc) {
		this.users = users;
		this.clock = (MovableClock) clock;
		this.jdbc = jdbc;
	}

	@BeforeEach
	void user() {
		email = "self-" + UUID.randomUUID() + "@example.org";
		users.userWithRole(email, PASSWORD, "developer");
	}

	@Test
	void meTellsWhoTheCallerIsWithRolePermissionsAndTenantsButNoPasswordHash() {
		JsonNode admin = HttpProbe.signedIn(port).get("/api/v1/users/me").json();
		assertThat(admin.get("email").asString()).isEqualTo(HttpProbe.ADMIN_EMAIL);
		assertThat(admin.get("platformAdmin").asBoolean()).isTrue();
		assertThat(admin.get("permissions").valueStream().map(JsonNode::asString)).contains("*:*", "platform:admin");
		String twoTenants = "two-" + UUID.randomUUID() + "@example.org";
		String second = "me-" + UUID.randomUUID();
		users.userInTwoTenants(twoTenants, PASSWORD, second);

		Reply me = HttpProbe.signedIn(port, twoTenants, PASSWORD).get("/api/v1/users/me");

		assertThat(me.status()).isEqualTo(200);
		JsonNode body = me.json();
		assertThat(body.get("email").asString()).isEqualTo(twoTenants);
		assertThat(body.get("role").asString()).isEqualTo("developer");
		assertThat(body.get("tenant").get("name").asString()).isEqualTo("default");
		assertThat(body.get("platformAdmin").asBoolean()).isFalse();
		assertThat(body.get("mustChangePassword").asBoolean()).isFalse();
		assertThat(body.get("permissions").valueStream().map(JsonNode::asString)).contains("agent:*", "api-key:manage")
			.doesNotContain("member:manage", "platform:admin");
		assertThat(body.get("tenants").valueStream().map(t -> t.get("name").asString() + "=" + t.get("role").asString()))
			.containsExactly("default=developer", second + "=owner");
		assertThat(me.body()).doesNotContainIgnoringCase("hash").doesNotContain(PASSWORD);
	}

	@Test
	void aPasswordChangeEndsEverySessionAndAnswersWithANewOne() {
		Reply firstLogin = login(email, PASSWORD);
		Reply otherDevice = login(email, PASSWORD);
		clock.advance(Duration.ofSeconds(2));

		Reply changed = HttpProbe.withToken(port, access(firstLogin)).json("POST", "/api/v1/users/me/password",
				"{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}");

		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(HttpProbe.withToken(port, access(changed)).get("/api/v1/users/me").status()).isEqualTo(200);
		assertThat(HttpProbe.withToken(port, access(firstLogin)).get("/api/v1/users/me").status()).isEqualTo(401);
		assertThat(HttpProbe.withToken(port, access(otherDevice)).get("/api/v1/users/me").status()).isEqualTo(401);
		assertThat(refresh(firstLogin).status()).isEqualTo(401);
		assertThat(refresh(otherDevice).status()).isEqualTo(401);
		assertThat(refresh(changed).status()).isEqualTo(200);
		assertThat(login(email, PASSWORD).status()).isEqualTo(401);
		assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
		assertThat(HttpProbe.signedIn(port).get("/api/v1/audit-events?action=user.password_changed&targetId="
				+ HttpProbe.withToken(port, access(changed)).get("/api/v1/users/me").json().get("id").asString())
			.json().get("items").get(0).get("details").get("sessionsEnded").asInt()).isEqualTo(2);
	}

	@Test
	void aWrongCurrentPasswordOrAWeakOrUnchangedNewOneIsRefusedAndChangesNothing() {
		HttpProbe me = HttpProbe.withToken(port, access(login(email, PASSWORD)));

		assertInvalid(change(me, "not my password at all", NEW_PASSWORD), "currentPassword");
		assertInvalid(change(me, PASSWORD, "password1"), "newPassword");
		assertInvalid(change(me, PASSWORD, PASSWORD), "newPassword");
		assertInvalid(change(me, PASSWORD, email.substring(0, email.indexOf('@')) + "-and-more"), "newPassword");
		assertThat(me.json("POST", "/api/v1/users/me/password", "{\"currentPassword\":\"" + PASSWORD + "\"}").status()).isEqualTo(400);

		assertThat(me.get("/api/v1/users/me").status()).isEqualTo(200);
		assertThat(login(email, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void logoutEverywhereEndsEverySessionIncludingTheCallers() {
		Reply first = login(email, PASSWORD);
		Reply second = login(email, PASSWORD);
		clock.advance(Duration.ofSeconds(1));

		String id = HttpProbe.withToken(port, access(first)).get("/api/v1/users/me").json().get("id").asString();

		Reply out = HttpProbe.withToken(port, access(first)).json("POST", "/api/v1/users/me/logout-everywhere", null);

		assertThat(out.status()).isEqualTo(204);
		for (Reply session : new Reply[] { first, second }) {
			assertThat(HttpProbe.withToken(port, access(session)).get("/api/v1/users/me").status()).isEqualTo(401);
			assertThat(refresh(session).status()).isEqualTo(401);
		}
		Instant validAfter = jdbc.sql("select tokens_valid_after from users where id = :id").param("id", UUID.fromString(id))
			.query(Timestamp.class).single().toInstant();
		assertThat(validAfter).isEqualTo(clock.instant());
		assertThat(login(email, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void anApiKeyHasNoOwnAccount() {
		HttpProbe admin = HttpProbe.signedIn(port);
		String key = admin.json("POST", "/api/v1/api-keys", "{\"name\":\"me?\",\"permissions\":[\"agent:read\"]}").json().get("key")
			.asString();

		Reply reply = HttpProbe.withToken(port, key).get("/api/v1/users/me");

		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.json().get("code").asString()).isEqualTo("PERMISSION_DENIED");
	}

	private Reply change(HttpProbe me, String current, String next) {
		return me.json("POST", "/api/v1/users/me/password", "{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next + "\"}");
	}

	private Reply login(String address, String password) {
		return new HttpProbe(port).json("POST", "/api/v1/auth/login", "{\"email\":\"" + address + "\",\"password\":\"" + password + "\"}");
	}

	private Reply refresh(Reply tokens) {
		return new HttpProbe(port).json("POST", "/api/v1/auth/refresh",
				"{\"refreshToken\":\"" + tokens.json().get("refreshToken").asString() + "\"}");
	}

	private static String access(Reply tokens) {
		assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
		return tokens.json().get("accessToken").asString();
	}

	private static void assertInvalid(Reply reply, String field) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(400);
		assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
	}
}
