package dev.rampart.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.shared.TenantId;

/** Signed-in members of new tenants for the notification tests, with what raw HTTP clients need (the token). */
final class Members {

	private Members() {
	}

	/** A signed-in member: their probe, access token, user id and tenant. */
	record Member(HttpProbe http, String token, UUID id, TenantId tenant, String email, String password) {

		/** Adds a member to this member's tenant with {@code role} and {@code name}, signed in. */
		Member add(int port, String role, String name) {
			String email = "member-" + UUID.randomUUID() + "@example.org";
			String chosen = "sturdy-horse-battery-" + UUID.randomUUID();
			String initial = "initial-" + chosen;
			Reply added = http.json("POST", "/api/v1/members", "{\"email\":\"" + email + "\",\"role\":\"" + role
					+ "\",\"name\":\"" + name + "\",\"password\":\"" + initial + "\"}");
			assertThat(added.status()).as(added.body()).isEqualTo(201);
			HttpProbe.signedInChangingPassword(port, email, initial, chosen);
			return signIn(port, email, chosen);
		}
	}

	/** The owner of a new tenant. */
	static Member ownerOfNewTenant(int port) {
		String email = "owner-" + UUID.randomUUID() + "@example.org";
		String password = "sturdy-horse-battery-" + UUID.randomUUID();
		HttpProbe.ownerOfNewTenant(port, "n-" + UUID.randomUUID().toString().substring(0, 13), email, password);
		return signIn(port, email, password);
	}

	static Member signIn(int port, String email, String password) {
		Reply login = new HttpProbe(port).json("POST", "/api/v1/auth/login",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		String token = login.json().get("accessToken").asString();
		HttpProbe http = HttpProbe.withToken(port, token);
		Reply me = http.get("/api/v1/users/me");
		return new Member(http, token, UUID.fromString(me.json().get("id").asString()),
				TenantId.of(me.json().get("tenant").get("id").asString()), email, password);
	}
}
