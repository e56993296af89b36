package dev.rampart.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * An identity change made on this node re-checks the tenant's sockets at once: a member removed from the tenant, or an
 * API key revoked, loses its subscribed socket with 4403 long before the periodic re-check (set to an hour here).
 */
@ServerTest
@TestPropertySource(properties = "rampart.events.websocket.recheck=1h")
class LiveSocketRevocationIT {

	@LocalServerPort
	int port;

	@Test
	void aMemberRemovedFromTheTenantLosesTheirSocketAtOnce() {
		HttpProbe owner = owner();
		String email = "member-" + UUID.randomUUID() + "@example.org";
		String chosen = "sturdy-horse-battery-" + UUID.randomUUID();
		Reply added = owner.json("POST", "/api/v1/members", "{\"email\":\"" + email + "\",\"role\":\"viewer\",\"name\":\"V "
				+ UUID.randomUUID() + "\",\"password\":\"initial-" + chosen + "\"}");
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		String memberId = added.json().get("userId").asString();
		HttpProbe member = HttpProbe.signedInChangingPassword(port, email, "initial-" + chosen, chosen);

		try (SocketClient socket = subscribed(member.accessToken())) {
			Reply removed = owner.send("DELETE", "/api/v1/members/" + memberId, null, Map.of());
			assertThat(removed.status()).as(removed.body()).isEqualTo(204);

			assertThat(socket.closeCode()).isEqualTo(4403);
		}
	}

	@Test
	void aRevokedApiKeyLosesItsSocketAtOnceWhileTheOwnersStays() {
		HttpProbe owner = owner();
		Reply created = owner.json("POST", "/api/v1/api-keys",
				"{\"name\":\"live " + UUID.randomUUID() + "\",\"permissions\":[\"notification:read\"]}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);

		try (SocketClient keySocket = subscribed(created.json().get("key").asString());
				SocketClient ownerSocket = subscribed(owner.accessToken())) {
			Reply revoked = owner.send("DELETE", "/api/v1/api-keys/" + created.json().get("id").asString(), null,
					Map.of());
			assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);

			assertThat(keySocket.closeCode()).isEqualTo(4403);
			ownerSocket.send("{\"type\":\"ping\"}");
			assertThat(ownerSocket.next("pong").path("type").asString()).isEqualTo("pong");
		}
	}

	private SocketClient subscribed(String token) {
		SocketClient socket = SocketClient.ready(port, token);
		socket.send("{\"type\":\"subscribe\",\"id\":\"n1\",\"topic\":\"notifications\"}");
		assertThat(socket.next("subscribed").path("topic").asString()).isEqualTo("notifications");
		return socket;
	}

	private HttpProbe owner() {
		String name = "revoke-" + UUID.randomUUID();
		return HttpProbe.ownerOfNewTenant(port, name, name + "@example.org", "sturdy-horse-battery-" + UUID.randomUUID());
	}
}
