package dev.rampart.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.events.Notice;
import dev.rampart.events.Notifications;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The {@code notifications} topic of {@code /ws}: one's own tenant's notices arrive on the socket, another's do not. */
@ServerTest
class NotificationsTopicIT {

	@LocalServerPort
	int port;

	private final Notifications notifications;

	@Autowired
	NotificationsTopicIT(Notifications notifications) {
		this.notifications = notifications;
	}

	@Test
	void aSubscriberGetsItsTenantsNoticesOverTheSocketAndNotAnotherTenants() {
		HttpProbe mine = owner();
		HttpProbe theirs = owner();
		try (SocketClient socket = SocketClient.ready(port, mine.accessToken())) {
			socket.send("{\"type\":\"subscribe\",\"id\":\"n1\",\"topic\":\"notifications\"}");
			JsonNode subscribed = socket.next("subscribed");
			assertThat(subscribed.path("topic").asString()).isEqualTo("notifications");

			notifications.publish(tenant(theirs), Notice.forMembers("notification:read", "test_notice", Notice.INFO,
					"theirs " + UUID.randomUUID(), Map.of()));
			String title = "mine " + UUID.randomUUID();
			notifications.publish(tenant(mine), Notice.forMembers("notification:read", "test_notice", Notice.INFO, title,
					Map.of("what", "a test")));

			JsonNode message = socket.next("notification");
			assertThat(message.path("notification").path("title").asString()).isEqualTo(title);
			assertThat(message.path("notification").path("type").asString()).isEqualTo("test_notice");
		}
	}

	@Test
	void notificationsOnTheSocketAreMaskedByTheTenantsPolicy() {
		HttpProbe owner = owner();
		try (SocketClient socket = SocketClient.ready(port, owner.accessToken())) {
			socket.send("{\"type\":\"subscribe\",\"id\":\"n1\",\"topic\":\"notifications\"}");
			socket.next("subscribed");

			notifications.publish(tenant(owner), Notice.forMembers("notification:read", "test_notice", Notice.INFO,
					"write to ops.lead@example.com", Map.of("contact", List.of("ops.lead@example.com"), "count", 3)));

			JsonNode notification = socket.next("notification").path("notification");
			assertThat(notification.path("title").asString()).isEqualTo("write to o***@example.com");
			assertThat(notification.at("/data/contact/0").asString()).isEqualTo("o***@example.com");
			assertThat(notification.at("/data/count").asInt()).isEqualTo(3);
		}
	}

	private HttpProbe owner() {
		String name = "topic-" + UUID.randomUUID();
		return HttpProbe.ownerOfNewTenant(port, name, name + "@example.org", "sturdy-horse-battery-" + UUID.randomUUID());
	}

	private static TenantId tenant(HttpProbe http) {
		return TenantId.of(http.get("/api/v1/users/me").json().get("tenant").get("id").asString());
	}
}
